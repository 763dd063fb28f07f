using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Database.Standby;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.OpenApi;

namespace Commentary.Api.Delivery.Search;

public static class SearchEndpoints
{
    public static IServiceCollection AddPublicSearch(this IServiceCollection services) => services.AddScoped<PublicSearch>();

    public static RouteGroupBuilder MapPublicSearch(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/search").WithTags("Search (public)").RequireCors(CorsPolicies.Public).AllowAnonymous().CacheOutput(PublicOutputCache.Policy)
            .ReadsFromStandby();

        group.MapGet("/", SearchArticles.Handle)
            .WithName("SearchArticles")
            .WithQueryParameters(
                new("q", "string", "What to search for (free text).", Required: true),
                QueryParameterDoc.Lang, QueryParameterDoc.Limit(20, 100), QueryParameterDoc.Cursor)
            .WithSummary("Full-text search over published titles, summaries and bodies in every language")
            .WithDescription("""
                `q` is free text: words (English is stemmed: "exercises" finds "exercise"), "quoted phrases", `or`, `-word`.
                Chinese is matched by character bigrams, and 繁體 and 简体 find each other (新聞 finds 新闻). Any `q` is accepted
                (up to 10,000 characters; only the first 256 are searched); NUL or unpaired surrogates are a 400.
                Hits are ranked by relevance among the newest matches, 100 matching translations at a time (newest first,
                up to the 1,000 newest); each carries the article summary in the negotiated language and a `snippet` (safe
                HTML with `<mark>` around matches) from the best-matching translation. Paging by `cursor` goes up to 1,000
                hits deep.
                """)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        return group;
    }
}
