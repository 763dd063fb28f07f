using System.Security.Cryptography;
using System.Text;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Partners.Feeds;
using Commentary.Api.Partners.Sync;
using Commentary.Api.Platform;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Partners.Sitemap;

/// <summary>What a request for sitemap file <c>n</c> gets: the file, or null when the sitemap has fewer pages.</summary>
public sealed record SitemapAnswer(int Pages, StoredSitemapFile? File);

/// <summary>
/// Builds the sitemap once per change of public content and serves that stored copy (table <c>sitemap_files</c>).
/// </summary>
/// <remarks>
/// A build records the snapshot it read from. It is current while no <c>content_changes</c> row (which every change of
/// public content writes in its own commit) belongs to a transaction outside that snapshot. That holds under concurrent
/// writers, where positions in the log do not: a change that took an earlier position but committed after the build is
/// still outside its snapshot. The snapshot is taken before the read, so a change committing in between makes the build
/// stale at once (a rebuild too many, never an unpublished URL shown). A request that finds no current build builds it
/// under a lock (one per process, then an advisory lock across instances) and re-checks once it holds the lock, so
/// concurrent requests after a change share one build.
/// </remarks>
public sealed class SitemapStore(
    CommentaryDbContext db,
    PublicArticleReader reader,
    IOptions<FeedOptions> feeds,
    IOptions<SiteOptions> site,
    IOptions<PartnerSyncOptions> sync,
    TimeProvider time)
{
    /// <summary>Bump when the files' bytes change for the same data (the writer's code), so older builds are never served.</summary>
    public const int ShapeVersion = 2;

    private const long BuildLock = 0x534D4150; // "SMAP"
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<SitemapAnswer> ReadAsync(int n, CancellationToken cancellationToken)
    {
        if (await FindCurrentAsync(n, cancellationToken) is { } stored)
        {
            return stored;
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({BuildLock})", cancellationToken);
            var answer = await FindCurrentAsync(n, cancellationToken) ?? await BuildAsync(n, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return answer;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>File <paramref name="n"/> of the current build (with the root, which says how many pages there are); null when there is none.</summary>
    private async Task<SitemapAnswer?> FindCurrentAsync(int n, CancellationToken cancellationToken)
    {
        // A build older than half the change log's retention is rebuilt: the pruner may since have removed the row that made it stale.
        var oldest = time.GetUtcNow() - TimeSpan.FromTicks(Math.Min(TimeSpan.FromDays(1).Ticks, sync.Value.Retention.Ticks / 2));
        var rows = await db.SitemapFiles.FromSql($"""
            SELECT f.* FROM sitemap_files f
            WHERE f.number IN (0, {n}) AND f.format = {FormatKey} AND f.built_at > {oldest}
              AND NOT EXISTS (
                SELECT 1 FROM content_changes c
                WHERE c.transaction_id >= f.snapshot_xmin
                  AND NOT pg_visible_in_snapshot(c.transaction_id::text::xid8, f.snapshot::pg_snapshot))
            """).AsNoTracking().ToListAsync(cancellationToken);
        return rows.Find(r => r.Number == 0) is { } root ? new SitemapAnswer(root.Pages, rows.Find(r => r.Number == n)) : null;
    }

    /// <summary>Builds every file from one read, replaces the stored build with it, and answers file <paramref name="n"/>.</summary>
    private async Task<SitemapAnswer> BuildAsync(int n, CancellationToken cancellationToken)
    {
        var snapshot = await db.Database.SqlQuery<string>($"SELECT pg_current_snapshot()::text AS \"Value\"").SingleAsync(cancellationToken);
        var all = await reader.PublishedTranslations().OrderBy(r => r.ArticleId).ThenBy(r => r.Language).ToListAsync(cancellationToken);
        var files = SitemapFiles.Build(all, feeds.Value.SitemapPageSize, site.Value, site.Value.ApiBaseUrl);
        var now = time.GetUtcNow();
        var pages = files.Count - 1;
        var stored = files.Select((f, i) => new StoredSitemapFile
        {
            Number = i, Pages = pages, Body = f.Body, ETag = ETags.ForContent(f.Body), LastModified = f.LastModified,
            Format = FormatKey, Snapshot = snapshot, BuiltAt = now,
        }).ToList();

        // Written without the change tracker: a rebuilt sitemap is not a change of public content, so it evicts nothing.
        await db.Database.ExecuteSqlAsync($"DELETE FROM sitemap_files", cancellationToken);
        foreach (var file in stored)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO sitemap_files (number, pages, body, e_tag, last_modified, format, snapshot, snapshot_xmin, built_at)
                VALUES ({file.Number}, {file.Pages}, {file.Body}, {file.ETag}, {file.LastModified}, {file.Format}, {file.Snapshot},
                        pg_snapshot_xmin({file.Snapshot}::pg_snapshot)::text::bigint, {file.BuiltAt})
                """, cancellationToken);
        }

        return new SitemapAnswer(pages, n >= 0 && n < stored.Count ? stored[n] : null);
    }

    private string FormatKey => _formatKey ??= Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        $"{ShapeVersion}\n{feeds.Value.SitemapPageSize}\n{site.Value.ArticleUrl}\n{site.Value.ApiBaseUrl}")).AsSpan(0, 12));

    private string? _formatKey;
}
