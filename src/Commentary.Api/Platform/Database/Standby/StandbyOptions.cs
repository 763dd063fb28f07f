namespace Commentary.Api.Platform.Database.Standby;

/// <summary><c>Commentary:Standby</c>: how public reads use the standby named by <c>ConnectionStrings:CommentaryStandby</c>.</summary>
public sealed class StandbyOptions
{
    /// <summary>A standby further behind its primary than this (replay lag) is left alone until it catches up.</summary>
    public int MaxLagMilliseconds { get; set; } = 5_000;

    /// <summary>Connect and check timeout for the standby: a request never waits longer than this before reading the primary.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 2;

    /// <summary>After the standby failed (down, unreachable, lagging, promoted), reads go to the primary for this long before it is tried again.</summary>
    public int RetryAfterSeconds { get; set; } = 5;
}
