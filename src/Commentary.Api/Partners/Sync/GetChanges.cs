using Commentary.Api.Content;
using Commentary.Api.Delivery.PrebuiltPages;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Partners.Sync;

/// <param name="Type"><c>upsert</c> (published now, <see cref="Article"/> is its current public state) or <c>delete</c>.</param>
public sealed record PartnerChange(string Type, string ArticleId, string Slug, string Language, PublicArticle? Article, DateTimeOffset ChangedAt);

public sealed record PartnerChangesPage(IReadOnlyList<PartnerChange> Changes, string NextCursor, bool HasMore);

public static class GetChanges
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1_000;
    public const string LagHeader = "Sync-Lag-Seconds";

    public static async Task<Results<PartnerChangesResult, ProblemHttpResult>> Handle(
        [AsParameters] PageQuery paging,
        ChangeLog log,
        ChangeLogRetention retention,
        HttpResponse response,
        CursorCodec codec,
        PublishedPages pages,
        CommentaryDbContext db,
        CancellationToken cancellationToken)
    {
        // The sync cursor has its own shape (catalogue or log position), so only the page size goes through the list parser.
        if (!PageRequest.TryParseLimit(paging.Limit, DefaultLimit, MaxLimit, out var size))
        {
            return Problems.Validation("limit", PageRequest.LimitRule(MaxLimit));
        }

        SyncCursor position;
        if (string.IsNullOrEmpty(paging.Cursor))
        {
            // The fence is taken before the catalogue is read, so changes committed during the export are replayed from the log.
            position = SyncCursor.Start(await log.CurrentFenceAsync(cancellationToken));
        }
        else if (!SyncCursor.TryDecode(codec, paging.Cursor, out position))
        {
            return Problems.Validation("cursor", PageRequest.InvalidCursor);
        }

        var requested = position.InCatalogue ? LogPosition.FenceAt(position.Fence) : position.Log;

        var entries = new List<(Guid ArticleId, string Language, DateTimeOffset ChangedAt)>();
        var hasMore = false;
        if (position.InCatalogue)
        {
            var rows = await log.ReadCatalogueAsync(position.AfterArticleId, position.AfterLanguage, size + 1, cancellationToken);
            entries.AddRange(rows.Take(size).Select(r => (r.ArticleId, r.Language, r.ChangedAt)));
            if (rows.Count > size)
            {
                var last = rows[size - 1];
                position = position with { AfterArticleId = last.ArticleId, AfterLanguage = last.Language };
                hasMore = true;
            }
            else
            {
                position = SyncCursor.AtLog(LogPosition.FenceAt(position.Fence));
            }
        }

        LogRead? status = null;
        if (!position.InCatalogue)
        {
            var room = size - entries.Count;
            status = await log.ReadAsync(position.Log, room + 1, cancellationToken);
            var rows = status.Rows;
            var taken = rows.Take(room).ToList();
            hasMore = rows.Count > room;
            if (taken.Count > 0)
            {
                position = SyncCursor.AtLog(taken[^1].Position);
            }

            // Each change is answered with the current state, so only the last mention of a translation in a page matters.
            var lastMention = taken.Select((row, index) => (row, index)).GroupBy(x => (x.row.ArticleId, x.row.Language)).ToDictionary(g => g.Key, g => g.Max(x => x.index));
            entries.AddRange(taken.Where((row, index) => lastMention[(row.ArticleId, row.Language)] == index).Select(r => (r.ArticleId, r.Language, r.ChangedAt)));
        }

        // Checked after the log was read (see IsExpiredAsync), so a pruning racing with this read cannot hide a change.
        if (status is not null ? ChangeLogRetention.IsBefore(requested, status.Horizon) : await retention.IsExpiredAsync(requested, cancellationToken))
        {
            return Problems.Create(StatusCodes.Status410Gone, "Cursor expired",
                "Changes after this cursor are past the retention window and were pruned. Start again without a cursor (a full resync).",
                ErrorCodes.CursorExpired);
        }

        // A poll that finds nothing new (most of them) reads no pages.
        var changes = entries.Count == 0 ? [] : await ResolveAsync(entries, pages, db, cancellationToken);
        response.Headers[LagHeader] = (status?.LagSeconds ?? await log.LagSecondsAsync(cancellationToken)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new PartnerChangesResult(changes, position.Encode(codec), hasMore);
    }

    /// <summary>Answers each entry with the current public state of that translation: its article page, byte for byte.</summary>
    private static async Task<IReadOnlyList<PartnerChangeBytes>> ResolveAsync(
        List<(Guid ArticleId, string Language, DateTimeOffset ChangedAt)> entries, PublishedPages pages, CommentaryDbContext db, CancellationToken cancellationToken)
    {
        var published = await pages.ReadAsync(entries.Select(e => (e.ArticleId, e.Language)).Distinct().ToList(), cancellationToken);
        var ids = entries.Select(e => e.ArticleId).Distinct().ToList();
        var slugs = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Slug, cancellationToken);
        return entries.Select(e => published.TryGetValue((e.ArticleId, e.Language), out var page)
                ? new PartnerChangeBytes("upsert", e.ArticleId, slugs.GetValueOrDefault(e.ArticleId, ""), e.Language, page, e.ChangedAt)
                : new PartnerChangeBytes("delete", e.ArticleId, slugs.GetValueOrDefault(e.ArticleId, ""), e.Language, null, e.ChangedAt))
            .ToList();
    }
}
