using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.OpenApi;

namespace Commentary.Api.Delivery.Taxonomy;

public static class PublicSourcesEndpoints
{
    public static RouteGroupBuilder MapPublicSources(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sources").WithTags("Sources (public)").RequireCors(CorsPolicies.Public).AllowAnonymous().CacheOutput(PublicOutputCache.Policy);

        group.MapGet("/", ListSources.Handle)
            .WithName("ListSources")
            .WithQueryParameters(QueryParameterDoc.Lang, QueryParameterDoc.Limit(20, 100), QueryParameterDoc.Cursor, new("q", "string", "Name prefix, any language."))
            .WithSummary("Quoted people, organizations and outlets, by slug")
            .WithDescription("`q` keeps sources whose name in any language starts with it (case-insensitive; `%` and `_` are literal).")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{slug}", GetSource.Handle)
            .WithName("GetSource")
            .WithQueryParameters(QueryParameterDoc.Lang, QueryParameterDoc.Limit(20, 100), QueryParameterDoc.Cursor)
            .WithSummary("A source and its quotes across published articles, newest article first (paged)")
            .WithDescription("Includes quotes the source said and, for an outlet, quotes it reported. Each quote names its article, titled in the negotiated language.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }
}
