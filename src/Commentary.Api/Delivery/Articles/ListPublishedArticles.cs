using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Paging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Delivery.Articles;

public static class ListPublishedArticles
{
    public static async Task<Results<CachedJson<Page<PublicArticleSummary>>, ProblemHttpResult>> Handle(
        [AsParameters] PublicRequest request)
    {
        var query = request.Query(PublicArticleFilter.Parameters);
        var language = query.Language(request.Negotiator);
        var limit = query.Limit();
        var filter = PublicArticleFilter.Read(query);
        var after = PublicArticleList.ReadCursor(query, request.Cursors);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        var page = await request.List.PageAsync(filter, after, limit, language, request.CancellationToken);
        return request.Responses.Json(request.Context, page, await request.List.CatalogChangedAtAsync(request.CancellationToken), language);
    }
}
