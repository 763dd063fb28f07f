namespace Commentary.Api.Partners.Sync;

/// <summary><c>Commentary:PartnerSync</c>.</summary>
public sealed class PartnerSyncOptions
{
    /// <summary>How long changes stay in the log; a partner whose cursor is older must resync from an empty cursor (410).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often this instance prunes the log; any number of instances may, pruning is idempotent.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    public bool PruningEnabled { get; set; } = true;
}
