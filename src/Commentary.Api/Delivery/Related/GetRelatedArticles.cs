using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Delivery.Related;

public static class GetRelatedArticles
{
    public static async Task<Results<CachedJson<RelatedList>, RedirectHttpResult, ProblemHttpResult>> Handle(
        string slug, [AsParameters] PublicRequest request, RelatedArticles related)
    {
        var query = request.Query("lang", "limit");
        var language = query.Language(request.Negotiator);
        var limit = query.Limit(RelatedArticles.DefaultLimit, RelatedArticles.MaxLimit);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        if (await request.Reader.FindPublishedAsync(slug, language, request.CancellationToken) is not { } article)
        {
            return await request.MovedAsync(slug, "/related") is { } moved ? moved : Problems.NotFound($"No published article has the slug '{slug}'.");
        }

        var items = await related.ForAsync(article, limit, request.CancellationToken);
        var modified = await request.List.ChangedAtAsync(article.UpdatedAt, request.CancellationToken);
        return request.Responses.Json(request.Context, new RelatedList(items), modified, article.Language);
    }
}

/// <summary>The related links of an article: curated first, then suggestions.</summary>
public sealed record RelatedList(IReadOnlyList<PublicRelatedLink> Items);
