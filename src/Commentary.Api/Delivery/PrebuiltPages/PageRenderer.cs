using System.Data;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Delivery.Related;
using Commentary.Api.Platform.Database;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Commentary.Api.Delivery.PrebuiltPages;

/// <summary>
/// Builds the renditions of queued articles with the live read path itself (<see cref="PublicArticleReader"/> and
/// <see cref="RelatedArticles"/>), so a rendition is byte for byte what a live read would have sent at build time.
/// </summary>
/// <remarks>
/// A batch is read in one REPEATABLE READ snapshot and stored in a second transaction that keeps only what is still
/// current: the queue entry must still have the generation that was read (no newer change of the article), and no
/// article the rendition shows may have a change that committed after the snapshot (which another instance may already
/// have dequeued). Changes still in flight at store time are safe: they commit with their queue entry, which makes the
/// rendition unservable until it is rebuilt; the scan that re-queues the renditions showing such a change waits for every
/// store in flight (<see cref="StoreLock"/>), so a store that committed after it cannot stay servable unseen.
/// </remarks>
public sealed partial class PageRenderer(
    CommentaryDbContext db,
    PublicArticleReader reader,
    RelatedArticles related,
    SuggestionCandidates candidates,
    PageFormat format,
    IOptions<JsonOptions> json,
    TimeProvider time,
    RenderingMetrics metrics)
{
    /// <summary>Renders up to <paramref name="batchSize"/> queued articles; returns how many queue entries were read (0: idle).</summary>
    public async Task<int> RenderNextBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        if (await ReadBatchAsync(batchSize, cancellationToken) is not { } batch)
        {
            return 0;
        }

        await StoreBatchAsync(batch, cancellationToken);
        return batch.Entries.Count;
    }

    /// <summary>The oldest queue entries and their renditions, all read in one snapshot; null when the queue is empty.</summary>
    /// <param name="kept">Suggestion lists the caller keeps across its batches, one batch at a time.</param>
    /// <param name="excluding">Articles of a batch still being stored: left for a later batch, which then sees the outcome.</param>
    /// <param name="share">The part of the queue to take from, when several batches are built at once (null: all of it).</param>
    internal async Task<Batch?> ReadBatchAsync(
        int batchSize, CancellationToken cancellationToken, SuggestionLists? kept = null, IReadOnlyCollection<Guid>? excluding = null, QueueShare? share = null)
    {
        var skipped = excluding?.ToArray() ?? [];
        await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var queue = share is { Of: > 1 } part
            ? db.PageRenderQueue.FromSql($"SELECT * FROM rendition_queue WHERE (hashtext(article_id::text) & 2147483647) % {part.Of} = {part.Index}")
            : db.PageRenderQueue;
        var entries = await queue.AsNoTracking()
            .Where(q => !skipped.Contains(q.ArticleId))
            .OrderBy(q => q.EnqueuedAt).ThenBy(q => q.ArticleId)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        if (entries.Count == 0)
        {
            return null;
        }

        var snapshotId = await db.Database.SqlQuery<string>($"SELECT pg_current_snapshot()::text AS \"Value\"").SingleAsync(cancellationToken);
        var batch = new Batch(entries, snapshotId, await BuildAsync(entries.Select(e => e.ArticleId).ToList(), cancellationToken, kept));
        await snapshot.CommitAsync(cancellationToken);
        return batch;
    }

    /// <summary>Stores what is still current of <paramref name="batch"/> and dequeues it; the rest stays queued.</summary>
    internal async Task StoreBatchAsync(Batch batch, CancellationToken cancellationToken)
    {
        await EnqueueDependentsAsync(batch, cancellationToken);
        await StoreAsync(batch, cancellationToken);
    }

    /// <summary>Queues the articles whose renditions show an article that changed, before that article leaves the queue.</summary>
    private async Task EnqueueDependentsAsync(Batch batch, CancellationToken cancellationToken)
    {
        var changed = batch.Entries.Where(e => e.Cascade).Select(e => e.ArticleId).ToArray();
        if (changed.Length == 0)
        {
            return;
        }

        // An article of this batch is rebuilt from a snapshot that already sees these changes, so its entry is left as
        // read (bumping it would discard that build); but when another instance has dequeued it meanwhile (with a build
        // that may predate them), it is queued again.
        var batchIds = batch.Entries.Select(e => e.ArticleId).ToArray();
        // Exclusive: every store in flight commits first, so a rendition another instance checked before the change
        // committed (and so kept) is visible here and queued, instead of committing unseen after this scan.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({StoreLock})", cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO rendition_queue (article_id, generation, cascade, enqueued_at)
            SELECT DISTINCT r.article_id, 1, false, now() FROM article_renditions r
            WHERE r.depends_on && {changed}
            ORDER BY r.article_id
            ON CONFLICT (article_id) DO UPDATE SET generation = rendition_queue.generation + 1
                WHERE rendition_queue.article_id <> ALL ({batchIds})
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task StoreAsync(Batch batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Shared with other stores, exclusive against EnqueueDependentsAsync; taken before any row lock, so waiting for it
        // never holds up a writer.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({StoreLock})", cancellationToken);
        var ids = batch.Entries.Select(e => e.ArticleId).Order().ToArray();
        // SKIP LOCKED: an entry a writer is re-queuing right now is left for the next pass instead of waited for.
        var locked = await db.Database.SqlQuery<QueueRow>($"""
            SELECT article_id, generation FROM rendition_queue
            WHERE article_id = ANY ({ids}) ORDER BY article_id FOR UPDATE SKIP LOCKED
            """).ToDictionaryAsync(q => q.ArticleId, q => q.Generation, cancellationToken);
        var shown = batch.Renditions.SelectMany(r => r.DependsOn).Distinct().ToArray();
        var changedSince = (await db.Database.SqlQuery<Guid>($"""
            SELECT DISTINCT article_id AS "Value" FROM content_changes
            WHERE transaction_id >= pg_snapshot_xmin({batch.Snapshot}::pg_snapshot)::text::bigint
              AND article_id = ANY ({shown})
              AND NOT pg_visible_in_snapshot(transaction_id::text::xid8, {batch.Snapshot}::pg_snapshot)
            """).ToListAsync(cancellationToken)).ToHashSet();

        var current = batch.Entries
            .Where(e => locked.TryGetValue(e.ArticleId, out var generation) && generation == e.Generation)
            .Select(e => e.ArticleId)
            .Where(id => !batch.Renditions.Any(r => r.ArticleId == id && r.DependsOn.Any(changedSince.Contains)))
            .ToArray();
        var sinceChanges = current.Length > 0
            ? await WriteAsync(current, batch.Renditions.Where(r => current.Contains(r.ArticleId)).ToList(), cancellationToken)
            : [];
        await transaction.CommitAsync(cancellationToken);
        foreach (var seconds in sinceChanges)
        {
            metrics.RecordPublishToVisible(seconds);
        }
    }

    /// <summary>
    /// Replaces the renditions of <paramref name="articleIds"/> (none for an article no longer public) and dequeues them.
    /// Returns, for each dequeued article whose own content changed, the seconds since that change's transaction began.
    /// </summary>
    private async Task<List<double>> WriteAsync(Guid[] articleIds, List<PrebuiltPage> renditions, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        // Entries queued by a refresh or a dependent's change (cascade false) are no publish of theirs: not measured.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            DELETE FROM rendition_queue WHERE article_id = ANY ($1)
            RETURNING CASE WHEN cascade THEN EXTRACT(EPOCH FROM clock_timestamp() - enqueued_at)::float8 END
            """) { Parameters = { new() { Value = articleIds } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM article_renditions WHERE article_id = ANY ($1)") { Parameters = { new() { Value = articleIds } } });
        var sinceChanges = new List<double>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!reader.IsDBNull(0))
                {
                    sinceChanges.Add(Math.Max(0, reader.GetDouble(0)));
                }
            }
        }

        // COPY: a re-render of every page writes hundreds of megabytes, several times faster than row-by-row inserts.
        await using var import = await connection.BeginBinaryImportAsync("""
            COPY article_renditions (article_id, requested_language, slug, original_language, served_language, body, e_tag, last_modified, depends_on, format, built_at)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var r in renditions)
        {
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(r.ArticleId, NpgsqlDbType.Uuid, cancellationToken);
            await import.WriteAsync(r.RequestedLanguage, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(r.Slug, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(r.OriginalLanguage, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(r.ServedLanguage, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(r.Body, NpgsqlDbType.Bytea, cancellationToken);
            await import.WriteAsync(r.ETag, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(r.LastModified.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await import.WriteAsync(r.DependsOn, NpgsqlDbType.Array | NpgsqlDbType.Uuid, cancellationToken);
            await import.WriteAsync(r.Format, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(r.BuiltAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await import.CompleteAsync(cancellationToken);
        return sinceChanges;
    }

    /// <summary>Queues every article whose renditions were built with another format (a deploy changed code or configuration).</summary>
    public Task<int> EnqueueOutdatedFormatsAsync(CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO rendition_queue (article_id, generation, cascade, enqueued_at)
            SELECT DISTINCT article_id, 1, false, now() FROM article_renditions WHERE format <> {format.Key}
            ORDER BY article_id
            ON CONFLICT (article_id) DO NOTHING
            """, cancellationToken);

    /// <summary>Queues up to <paramref name="limit"/> articles whose oldest rendition was built before <paramref name="builtBefore"/>, oldest first.</summary>
    public Task<int> EnqueueExpiredAsync(DateTimeOffset builtBefore, int limit, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO rendition_queue (article_id, generation, cascade, enqueued_at)
            SELECT article_id, 1, false, now() FROM (
                SELECT article_id, min(built_at) AS built_at FROM article_renditions WHERE built_at < {builtBefore}
                GROUP BY article_id ORDER BY min(built_at) LIMIT {limit}) expired
            ORDER BY article_id
            ON CONFLICT (article_id) DO NOTHING
            """, cancellationToken);

    /// <summary>
    /// The advisory lock that orders stores against dependents scans: a scan waits for every store in flight, so a
    /// rendition checked while a change of an article it shows was uncommitted is either seen by the scan or discarded by
    /// its own check. Without it, a store that commits after another instance scanned for that change stays servable.
    /// </summary>
    private const long StoreLock = 0x52454E44; // "REND"

    /// <summary>One of <paramref name="Of"/> disjoint parts of the queue (by a hash of the article id), so that batches built at once never overlap.</summary>
    internal sealed record QueueShare(int Index, int Of);

    internal sealed record Batch(List<PageRenderQueueEntry> Entries, string Snapshot, List<PrebuiltPage> Renditions);

    private sealed record QueueRow(Guid ArticleId, long Generation);
}
