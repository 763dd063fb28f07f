using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Query;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Delivery.Related;

public static class GetRelatedArticles
{
    public static async Task<Results<CachedJson<RelatedList>, ProblemHttpResult>> Handle(
        string slug,
        HttpContext context,
        LanguageNegotiator negotiator,
        PublicArticleReader reader,
        RelatedArticles related,
        PublicArticleList list,
        PublicResponses responses,
        CancellationToken cancellationToken)
    {
        var query = PublicQuery.For(context.Request, "lang", "limit");
        var language = query.Language(negotiator);
        var limit = query.Limit(RelatedArticles.DefaultLimit, RelatedArticles.MaxLimit);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        if (await reader.FindPublishedAsync(slug, language, cancellationToken) is not { } article)
        {
            return Problems.NotFound($"No published article has the slug '{slug}'.");
        }

        var items = await related.ForAsync(article, limit, cancellationToken);
        return responses.Json(context, new RelatedList(items), await list.ChangedAtAsync(article.UpdatedAt, cancellationToken), article.Language);
    }
}

/// <summary>The related links of an article: curated first, then suggestions.</summary>
public sealed record RelatedList(IReadOnlyList<PublicRelatedLink> Items);
