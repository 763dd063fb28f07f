using Commentary.Api.Content.Articles;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Delivery.Related;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Database.Standby;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.OpenApi;

namespace Commentary.Api.Delivery.Articles;

public static class PublicArticlesEndpoints
{
    /// <summary>The public reader and what builds on it: lists and related links (search, feeds and sync use them too).</summary>
    public static IServiceCollection AddPublicArticles(this IServiceCollection services) => services
        .AddScoped<PublicArticleReader>()
        .AddScoped<PublicArticleList>()
        .AddScoped<RelatedArticles>()
        .AddScoped<SuggestionCandidates>()
        .AddScoped<LiveArticlePages>()
        .AddScoped<IArticlePreviewRenderer, ArticlePreviewRenderer>();

    public static RouteGroupBuilder MapPublicArticles(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/articles").WithTags("Articles (public)").RequireCors(CorsPolicies.Public).AllowAnonymous().CacheOutput(PublicOutputCache.Policy)
            .ReadsFromStandby();

        group.MapGet("/", ListPublishedArticles.Handle)
            .WithName("ListArticles")
            .WithQueryParameters(
                QueryParameterDoc.Lang, QueryParameterDoc.Limit(20, 100), QueryParameterDoc.Cursor,
                new("topic", "string", "Topic slug."), new("author", "string", "Author slug."),
                new("source", "string", "Source slug: articles quoting it, or quoting through it as the outlet."),
                new("from", "string", "First published on or after: 2024-05-01 or 2024-05-01T08:00:00Z."),
                new("to", "string", "First published on or before the date (inclusive), or before the date-time (exclusive)."))
            .WithSummary("Published articles, newest first (keyset paged)")
            .WithDescription("""
                Filters (the whole allowlist; any other parameter is a 400): `topic`, `author` and `source` (slugs; `source` matches
                a quoted source or the outlet that reported a quote), `from` and `to` (first publication; ISO 8601 date, inclusive,
                or date-time with offset, `to` exclusive), `limit` (1..100, default 20), `cursor` (the previous page's `nextCursor`).
                `lang` (or `Accept-Language`) chooses the language each summary is served in; it does not filter: every published
                article is listed, and an item whose translation is missing falls back along the chain with `isFallback: true`
                (filter on `isFallback` or `languages` client-side to show only native items).
                """)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{slug}", GetPublishedArticle.Handle)
            .WithName("GetArticle")
            .WithQueryParameters(QueryParameterDoc.Lang)
            .WithSummary("One published article in the negotiated language")
            .WithDescription("`lang` beats `Accept-Language` beats the article's original language; a missing translation falls back along the configured chain and `isFallback` says so. `related` holds the curated links, then suggestions, up to 5. A former slug of a published article answers 301 with `Location` at its current slug.")
            .Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{slug}/related", GetRelatedArticles.Handle)
            .WithName("GetRelatedArticles")
            .WithQueryParameters(QueryParameterDoc.Lang, QueryParameterDoc.Limit(5, 20))
            .WithSummary("Curated related links first (in order), then automatic suggestions up to `limit` (1..20, default 5)")
            .WithDescription("Internal links carry the target's published title in the negotiated language and are left out while the target is not published. Suggestions (`suggested: true`) are other published articles scored by shared topics (3 each) and shared quoted sources (2 each), newest first on ties. A former slug answers 301 like the article itself.")
            .Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }
}
