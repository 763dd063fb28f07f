using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.OpenApi;

namespace Commentary.Api.Delivery.Taxonomy;

public static class PublicTopicsEndpoints
{
    public static RouteGroupBuilder MapPublicTopics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/topics").WithTags("Topics (public)").RequireCors(CorsPolicies.Public).AllowAnonymous().CacheOutput(PublicOutputCache.Policy);

        group.MapGet("/", ListTopics.Handle)
            .WithName("ListTopics")
            .WithQueryParameters(QueryParameterDoc.Lang, QueryParameterDoc.Limit(20, 100), QueryParameterDoc.Cursor)
            .WithSummary("Every topic, by slug, with its name and description in the negotiated language")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{slug}", GetTopic.Handle)
            .WithName("GetTopic")
            .WithQueryParameters(QueryParameterDoc.Lang, QueryParameterDoc.Limit(20, 100), QueryParameterDoc.Cursor)
            .WithSummary("A topic and its published articles, newest first (paged)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }
}
