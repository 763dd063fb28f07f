using System.Data;
using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Delivery.PrebuiltPages;

/// <summary>
/// The exact bytes of <c>GET /api/articles/{slug}?lang=</c> for translations that are published in that language, in
/// bulk: the stored rendition where it is current, otherwise built now by the renderer, which produces the bytes the
/// worker would store. Partner sync sends these, so a partner's copy is the page readers get, without a parse and a
/// serialization per article.
/// </summary>
public sealed class PublishedPages(CommentaryDbContext db, PageRenderer renderer, PageFormat format, IOptions<PrebuiltPageOptions> options)
{
    /// <summary>The page of each of <paramref name="wanted"/> that is public in its language; the others are left out.</summary>
    public async Task<Dictionary<(Guid ArticleId, string Language), byte[]>> ReadAsync(
        IReadOnlyCollection<(Guid ArticleId, string Language)> wanted, CancellationToken cancellationToken)
    {
        if (wanted.Count == 0)
        {
            return [];
        }

        // One snapshot for the stored pages and the ones built now, as the renderer reads a batch: a page never mixes
        // states of a write that commits in between.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            return await ReadInSnapshotAsync(wanted, cancellationToken);
        });
    }

    private async Task<Dictionary<(Guid ArticleId, string Language), byte[]>> ReadInSnapshotAsync(
        IReadOnlyCollection<(Guid ArticleId, string Language)> wanted, CancellationToken cancellationToken)
    {
        // Only languages the article is published in: a converted fallback page is for readers, never a partner's copy.
        var ids = wanted.Select(w => w.ArticleId).Distinct().ToArray();
        var published = (await db.PublicTranslations().Where(p => ids.Contains(p.Article.Id))
                .Select(p => new { p.Article.Id, p.Translation.Language }).ToListAsync(cancellationToken))
            .Select(p => (p.Id, p.Language)).ToHashSet();
        wanted = wanted.Where(published.Contains).ToList();
        var pages = new Dictionary<(Guid, string), byte[]>();
        if (options.Value.Enabled)
        {
            foreach (var stored in await db.Database.SqlQueryRaw<StoredPage>(StoredSql, ids, format.Key).ToListAsync(cancellationToken))
            {
                pages[(stored.ArticleId, stored.RequestedLanguage)] = stored.Body;
            }
        }

        var missing = wanted.Where(w => !pages.ContainsKey(w)).Select(w => w.ArticleId).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var built in await renderer.BuildAsync(missing, cancellationToken))
            {
                if (built.RequestedLanguage == built.ServedLanguage)
                {
                    pages.TryAdd((built.ArticleId, built.RequestedLanguage), built.Body);
                }
            }
        }

        var wantedSet = wanted.ToHashSet();
        return pages.Where(p => wantedSet.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
    }

    private const string StoredSql = $$"""
        SELECT r.article_id, r.requested_language, r.body
        FROM article_renditions r
        WHERE r.article_id = ANY ({0}) AND r.requested_language = r.served_language
          AND r.format = {1} AND {{PrebuiltPageStore.NothingQueued}}
        """;

    private sealed record StoredPage(Guid ArticleId, string RequestedLanguage, byte[] Body);
}
