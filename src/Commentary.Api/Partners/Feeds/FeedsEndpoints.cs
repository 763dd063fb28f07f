using Commentary.Api.Platform.Database.Standby;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.OpenApi;

namespace Commentary.Api.Partners.Feeds;

public static class FeedsEndpoints
{
    public static IServiceCollection AddFeeds(this IServiceCollection services)
    {
        services.AddOptions<FeedOptions>().BindConfiguration("Commentary:Feeds");
        return services;
    }

    public static RouteGroupBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Feeds").RequireCors(CorsPolicies.Public).AllowAnonymous().ReadsFromStandby();
        const string filters = "The 50 newest articles published in `lang` (no fallback), full HTML. Filters: `topic`, `author` (slugs); other parameters are refused.";
        QueryParameterDoc[] filterParameters = [new("topic", "string", "Only articles filed under this topic (its slug)."), new("author", "string", "Only articles by this author (their slug).")];

        group.MapGet("/feeds/{lang}/rss.xml", GetFeed.Rss)
            .WithName("GetRssFeed").WithSummary("RSS 2.0 feed").WithDescription(filters).WithQueryParameters(filterParameters)
            .Produces(StatusCodes.Status200OK, contentType: "application/rss+xml").Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/feeds/{lang}/atom.xml", GetFeed.Atom)
            .WithName("GetAtomFeed").WithSummary("Atom 1.0 feed (RFC 4287)").WithDescription(filters).WithQueryParameters(filterParameters)
            .Produces(StatusCodes.Status200OK, contentType: "application/atom+xml").Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/feeds/{lang}/feed.json", GetFeed.Json)
            .WithName("GetJsonFeed").WithSummary("JSON Feed 1.1").WithDescription(filters).WithQueryParameters(filterParameters)
            .Produces(StatusCodes.Status200OK, contentType: "application/feed+json").Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }
}
