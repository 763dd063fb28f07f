using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Commentary.Api.Platform.Database.Standby;

/// <summary>What a check of the standby found: whether reads may go there, and why not.</summary>
/// <param name="Replayed">Whether it has replayed the position asked for (null when none was asked or it could not tell).</param>
public sealed record StandbyState(bool Usable, bool? Replayed, string Description);

/// <summary>
/// The streaming standby of <c>ConnectionStrings:CommentaryStandby</c>: its DbContexts, whether it may serve a read
/// now, and how reads were served. A standby that failed (down, unreachable, lagging past the bound, promoted) is
/// left alone for <see cref="StandbyOptions.RetryAfterSeconds"/>, so requests meanwhile read the primary at once
/// instead of each waiting for a connect timeout.
/// </summary>
public sealed class StandbyDatabase(NpgsqlDataSource dataSource, IDbContextFactory<CommentaryDbContext> contexts, IOptions<StandbyOptions> options,
    TimeProvider time, ILogger<StandbyDatabase> logger) : IAsyncDisposable
{
    // Lag is zero while replay has caught up with what was received (an idle primary sends nothing new, and the last
    // replayed transaction may be old); otherwise the age of the last replayed transaction.
    private const string CheckSql = """
        SELECT pg_is_in_recovery(),
               pg_last_wal_replay_lsn() >= $1,
               CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                    ELSE extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000 END
        """;

    private readonly StandbyOptions _options = options.Value;
    private long _unusableUntil;
    private string? _problem;
    private long _standbyReads;
    private long _primaryReads;
    private long _retriedOnPrimary;

    public IDbContextFactory<CommentaryDbContext> Contexts { get; } = contexts;

    /// <summary>Public reads served by the standby, by the primary (the standby was behind or unusable), and retried on the primary after failing on the standby.</summary>
    public (long Standby, long Primary, long RetriedOnPrimary) Reads =>
        (Interlocked.Read(ref _standbyReads), Interlocked.Read(ref _primaryReads), Interlocked.Read(ref _retriedOnPrimary));

    internal void CountStandbyRead() => Interlocked.Increment(ref _standbyReads);

    internal void CountPrimaryRead() => Interlocked.Increment(ref _primaryReads);

    internal void CountRetry() => Interlocked.Increment(ref _retriedOnPrimary);

    /// <summary>Whether a request that must see everything up to <paramref name="required"/> may read the standby.</summary>
    public async Task<bool> HasReplayedAsync(NpgsqlLogSequenceNumber required, CancellationToken cancellationToken) =>
        time.GetTimestamp() >= Interlocked.Read(ref _unusableUntil) && (await CheckAsync(required, cancellationToken)).Replayed == true;

    /// <summary>Asks the standby how far it is (one round trip, bounded by the connect timeout) and remembers a failure.</summary>
    public async Task<StandbyState> CheckAsync(NpgsqlLogSequenceNumber? required, CancellationToken cancellationToken)
    {
        StandbyState state;
        try
        {
            await using var command = dataSource.CreateCommand(CheckSql);
            command.CommandTimeout = _options.ConnectTimeoutSeconds;
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.PgLsn, Value = required is { } lsn ? lsn : DBNull.Value });
            await using var row = await command.ExecuteReaderAsync(cancellationToken);
            await row.ReadAsync(cancellationToken);
            var inRecovery = row.GetBoolean(0);
            bool? replayed = row.IsDBNull(1) ? null : row.GetBoolean(1);
            var lag = row.IsDBNull(2) ? 0 : Convert.ToDouble(row.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
            state = !inRecovery
                ? new StandbyState(false, null, "The standby is not in recovery (promoted?): its data may have left the primary's")
                : lag > _options.MaxLagMilliseconds
                    ? new StandbyState(false, null, $"The standby lags {lag:F0} ms behind (bound {_options.MaxLagMilliseconds} ms)")
                    : new StandbyState(true, replayed, $"Replaying, {lag:F0} ms behind");
        }
        catch (Exception exception) when (IsStandbyFailure(exception) && !cancellationToken.IsCancellationRequested)
        {
            state = new StandbyState(false, null, $"The standby is not reachable: {exception.Message}");
        }

        if (!state.Usable)
        {
            Failed(state.Description);
        }
        else if (Interlocked.Exchange(ref _problem, null) is not null)
        {
            logger.LogInformation("The standby serves public reads again: {State}", state.Description);
        }

        return state;
    }

    /// <summary>Remembers that the standby failed, so reads go to the primary for a while.</summary>
    internal void Failed(string problem)
    {
        // Idle connections to a standby that went away are dead too (each would fail once more after it is back).
        dataSource.Clear();
        Interlocked.Exchange(ref _unusableUntil, time.GetTimestamp() + (long)(_options.RetryAfterSeconds * (double)time.TimestampFrequency));
        if (Interlocked.Exchange(ref _problem, problem) != problem)
        {
            logger.LogWarning("Public reads go to the primary for {Seconds} s: {Problem}", _options.RetryAfterSeconds, problem);
        }
    }

    /// <summary>
    /// A failure the primary would not have had: the standby's connection failed or timed out, or replay cancelled
    /// the query or ended the session (recovery conflicts: 40001, or 40P01 for a buffer-pin deadlock, 57P04 when the
    /// database was dropped), or the server is shutting down or starting (57P01-57P03).
    /// </summary>
    public static bool IsStandbyFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return postgres.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
                        or PostgresErrorCodes.DatabaseDropped or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                        or PostgresErrorCodes.CannotConnectNow;
                case NpgsqlException or TimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Replay cancelled one query; the standby itself is fine, so only that request moves to the primary.</summary>
    public static bool IsReplayConflict(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected })
            {
                return true;
            }
        }

        return false;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
