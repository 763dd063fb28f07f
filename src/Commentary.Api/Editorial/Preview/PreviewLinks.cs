using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Preview;

/// <summary>A live preview link as editors see it: never its token, which is not stored.</summary>
public sealed record ManagedPreviewLink(Guid Id, string Language, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>Listing and revoking an article's preview links, and finding the link a token opens.</summary>
public static class PreviewLinks
{
    private static readonly PageShape Shape = new("preview-links", 1);

    internal sealed record ArticleLanguages(Guid Id, string OriginalLanguage, List<string> Languages);

    /// <summary>The live (unexpired) links of the article, oldest first (ids are time-ordered UUIDv7).</summary>
    public static async Task<Results<Ok<Page<ManagedPreviewLink>>, ProblemHttpResult>> List(
        string id, [AsParameters] PageQuery paging, CommentaryDbContext db, CursorCodec codec, TimeProvider time, CancellationToken cancellationToken)
    {
        if (PageRequest.TryCreateById(paging, Shape, codec, out var after, out var problem) is not { } page)
        {
            return problem!;
        }

        if (await FindArticleAsync(db, id, cancellationToken) is not { } article)
        {
            return ArticleEditing.NotFound(id);
        }

        var now = time.GetUtcNow();
        var query = db.PreviewLinks.AsNoTracking().Where(l => l.ArticleId == article.Id && l.ExpiresAt > now);
        if (after is { } lastId)
        {
            query = query.Where(l => l.Id.CompareTo(lastId) > 0);
        }

        var links = await query.OrderBy(l => l.Id).Take(page.Limit + 1)
            .Select(l => new ManagedPreviewLink(l.Id, l.Language, l.CreatedBy, l.CreatedAt, l.ExpiresAt))
            .ToListAsync(cancellationToken);
        var next = links.Count > page.Limit ? codec.Encode(Shape.CursorKind, links[page.Limit - 1].Id.ToString()) : null;
        return TypedResults.Ok(new Page<ManagedPreviewLink>(links.Take(page.Limit).ToList(), next));
    }

    /// <summary>Revokes one link, named by its token or by its id (as listed); it opens nothing from the next request on.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string id, string token, CommentaryDbContext db, CancellationToken cancellationToken)
    {
        if (await FindArticleAsync(db, id, cancellationToken) is not { } article)
        {
            return ArticleEditing.NotFound(id);
        }

        var links = db.PreviewLinks.Where(l => l.ArticleId == article.Id);
        if (Guid.TryParse(token, out var linkId))
        {
            links = links.Where(l => l.Id == linkId);
        }
        else if (PreviewTokens.IsWellFormed(token))
        {
            var hash = PreviewTokens.Hash(token);
            links = links.Where(l => l.TokenHash == hash);
        }
        else
        {
            return LinkNotFound();
        }

        return await links.ExecuteDeleteAsync(cancellationToken) > 0 ? TypedResults.NoContent() : LinkNotFound();
    }

    /// <summary>Revokes every link of the article (none is fine).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAll(string id, CommentaryDbContext db, CancellationToken cancellationToken)
    {
        if (await FindArticleAsync(db, id, cancellationToken) is not { } article)
        {
            return ArticleEditing.NotFound(id);
        }

        await db.PreviewLinks.Where(l => l.ArticleId == article.Id).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The link <paramref name="token"/> opens now: issued here, not expired or revoked, of an article not deleted.</summary>
    internal static async Task<PreviewLink?> FindLiveAsync(CommentaryDbContext db, string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!PreviewTokens.IsWellFormed(token))
        {
            return null;
        }

        var hash = PreviewTokens.Hash(token);
        return await db.PreviewLinks.AsNoTracking()
            .Where(l => l.TokenHash == hash && l.ExpiresAt > now)
            .Where(l => db.Set<Article>().Any(a => a.Id == l.ArticleId && a.DeletedAt == null))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The same answer for a token never issued, tampered with, expired or revoked: a token reveals nothing about others.</summary>
    internal static ProblemHttpResult LinkNotFound() => Problems.NotFound("No live preview link has this token: it may have expired or been revoked.");

    internal static async Task<ArticleLanguages?> FindArticleAsync(CommentaryDbContext db, string id, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var guid)
            ? await db.Articles.AsNoTracking()
                .Where(a => a.Id == guid && a.DeletedAt == null)
                .Select(a => new ArticleLanguages(a.Id, a.OriginalLanguage, a.Translations.Select(t => t.Language).ToList()))
                .FirstOrDefaultAsync(cancellationToken)
            : null;
}
