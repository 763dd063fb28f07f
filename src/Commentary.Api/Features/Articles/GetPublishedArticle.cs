using Commentary.Api.Common.Errors;
using Commentary.Api.Common.Http;
using Commentary.Api.Common.Languages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Features.Articles;

public static class GetPublishedArticle
{
    public static async Task<Results<CachedJson<PublicArticle>, ProblemHttpResult>> Handle(
        string slug,
        HttpContext context,
        LanguageNegotiator negotiator,
        PublicArticleReader reader,
        PublicResponses responses,
        CancellationToken cancellationToken)
    {
        var language = negotiator.Negotiate(context.Request);
        if (!language.IsValid)
        {
            return Problems.Validation("lang", language.Error!);
        }

        if (await reader.FindPublishedIdAsync(slug, cancellationToken) is not { } id
            || (await reader.ReadAsync([id], language.Requested, cancellationToken)).FirstOrDefault() is not { } article)
        {
            return Problems.NotFound($"No published article has the slug '{slug}'.");
        }

        return responses.Json(context, article, article.UpdatedAt, article.Language);
    }
}
