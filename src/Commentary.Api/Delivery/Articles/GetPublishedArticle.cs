using Commentary.Api.Delivery.PrebuiltPages;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Delivery.Articles;

public static class GetPublishedArticle
{
    public static async Task<Results<CachedJson<PublicArticle>, RedirectHttpResult, ProblemHttpResult>> Handle(
        string slug, [AsParameters] PublicRequest request, LiveArticlePages pages, PrebuiltPageStore prebuiltPages)
    {
        var (context, list, responses, cancellationToken) = (request.Context, request.List, request.Responses, request.CancellationToken);
        var query = request.Query("lang");
        var language = query.Language(request.Negotiator);

        if (!query.IsValid)
        {
            return query.Problem();
        }

        // The prebuilt page is one indexed read; the live read below answers whenever none is current.
        if (await prebuiltPages.FindAsync(slug, language, cancellationToken) is { } rendition)
        {
            // Its cached copy goes when an article it shows changes; a page read live (below) goes with every change,
            // like a list, since its suggestions may pick up any article.
            PublicOutputCache.ShowsArticles(context, rendition.DependsOn);
            return new CachedJson<PublicArticle>(
                responses.Bytes(context, rendition.Body, rendition.ETag, PublicResponses.JsonType, rendition.LastModified, rendition.ServedLanguage));
        }

        if (await pages.ReadAsync(slug, language, cancellationToken) is not { } article)
        {
            return await request.MovedAsync(slug) is { } moved ? moved : Problems.NotFound($"No published article has the slug '{slug}'.");
        }

        // Links and suggestions depend on other articles, so the page is as new as the newest public change.
        return responses.Json(context, article, await list.ChangedAtAsync(article.UpdatedAt, cancellationToken), article.Language);
    }
}
