using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Partners.Sync;

/// <summary>Prunes the change log and answers whether a log position is still within it.</summary>
public sealed class ChangeLogRetention(CommentaryDbContext db)
{
    /// <summary>
    /// Deletes every change up to the newest one older than <paramref name="cutoff"/> and records that position as the
    /// horizon. Only rows of ended transactions (below the fence) are candidates: a row still invisible to partners is kept,
    /// whatever its age. Pruning by position rather than by age alone keeps the rule "everything after the horizon is
    /// still in the log" true, which is what lets a cursor at or after the horizon be followed safely.
    /// </summary>
    /// <returns>The number of changes deleted.</returns>
    public Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            WITH horizon AS (
                SELECT transaction_id, sequence FROM content_changes
                WHERE changed_at < {cutoff}
                  AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
                ORDER BY transaction_id DESC, sequence DESC
                LIMIT 1),
            saved AS (
                INSERT INTO content_change_horizon (id, transaction_id, sequence, pruned_at)
                SELECT {ChangeLogHorizon.SingletonId}, transaction_id, sequence, now() FROM horizon
                ON CONFLICT (id) DO UPDATE
                SET transaction_id = excluded.transaction_id, sequence = excluded.sequence, pruned_at = excluded.pruned_at
                WHERE (content_change_horizon.transaction_id, content_change_horizon.sequence) < (excluded.transaction_id, excluded.sequence))
            DELETE FROM content_changes c USING horizon h
            WHERE (c.transaction_id, c.sequence) <= (h.transaction_id, h.sequence)
            """, cancellationToken);

    /// <summary>
    /// Whether changes after <paramref name="position"/> may have been pruned. Read after the log itself: a pruning that
    /// committed before the log was read is seen here, and one that committed later did not hide anything from that read.
    /// </summary>
    public async Task<bool> IsExpiredAsync(LogPosition position, CancellationToken cancellationToken)
    {
        var horizon = await db.Set<ChangeLogHorizon>().AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return IsBefore(position, horizon is null ? null : new LogPosition(horizon.TransactionId, horizon.Sequence));
    }

    /// <summary>Whether changes after <paramref name="position"/> may have been pruned, given the horizon read after the log.</summary>
    public static bool IsBefore(LogPosition position, LogPosition? horizon) =>
        horizon is { } h && (position.TransactionId < h.TransactionId || (position.TransactionId == h.TransactionId && position.Sequence < h.Sequence));
}
