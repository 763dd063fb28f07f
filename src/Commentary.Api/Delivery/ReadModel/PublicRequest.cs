using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Query;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Delivery.ReadModel;

/// <summary>
/// What every public read handler is given, bound with <c>[AsParameters]</c>: a handler's signature then names only its
/// route values and the service that is its own (prebuilt pages, related links, search), and every public read checks
/// its query string, negotiates the language and answers through <see cref="PublicResponses"/> the same way.
/// </summary>
public readonly record struct PublicRequest(
    HttpContext Context,
    LanguageNegotiator Negotiator,
    CommentaryDbContext Db,
    PublicArticleReader Reader,
    PublicArticleList List,
    CursorCodec Cursors,
    PublicResponses Responses,
    CancellationToken CancellationToken)
{
    /// <summary>Starts checking the query string against the endpoint's whole allowlist.</summary>
    public PublicQuery Query(params string[] allowed) => PublicQuery.For(Context.Request, allowed);

    /// <summary>
    /// For a slug no public article has: a 301 to the same resource under the current slug when it is a former slug of a
    /// public article (query string kept), else null. <paramref name="rest"/> is what follows the slug in the path.
    /// </summary>
    public async Task<RedirectHttpResult?> MovedAsync(string slug, string rest = "")
    {
        var current = await Db.FormerSlugs.AsNoTracking().Where(f => f.Slug == slug)
            .Join(Db.Articles.Where(PublicContent.IsPublicArticle), f => f.ArticleId, a => a.Id, (f, a) => a.Slug)
            .FirstOrDefaultAsync(CancellationToken);
        return current is null
            ? null
            : TypedResults.Redirect($"{Context.Request.PathBase}/api/articles/{current}{rest}{Context.Request.QueryString}", permanent: true);
    }
}
