using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Query;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Delivery.Articles;

public static class ListPublishedArticles
{
    public static async Task<Results<CachedJson<Page<PublicArticleSummary>>, ProblemHttpResult>> Handle(
        HttpContext context,
        LanguageNegotiator negotiator,
        PublicArticleList list,
        CursorCodec cursors,
        PublicResponses responses,
        CancellationToken cancellationToken)
    {
        var query = PublicQuery.For(context.Request, PublicArticleFilter.Parameters);
        var language = query.Language(negotiator);
        var limit = query.Limit();
        var filter = PublicArticleFilter.Read(query);
        var after = PublicArticleList.ReadCursor(query, cursors);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        var page = await list.PageAsync(filter, after, limit, language, cancellationToken);
        return responses.Json(context, page, await list.CatalogChangedAtAsync(cancellationToken), language);
    }
}
