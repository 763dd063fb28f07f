using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.OpenApi;

namespace Commentary.Api.Delivery.Taxonomy;

public static class PublicAuthorsEndpoints
{
    public static RouteGroupBuilder MapPublicAuthors(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/authors").WithTags("Authors (public)").RequireCors(CorsPolicies.Public).AllowAnonymous().CacheOutput(PublicOutputCache.Policy);

        group.MapGet("/{slug}", GetAuthor.Handle)
            .WithName("GetAuthor")
            .WithQueryParameters(QueryParameterDoc.Lang, QueryParameterDoc.Limit(20, 100), QueryParameterDoc.Cursor)
            .WithSummary("An author and their published articles, newest first (paged)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }
}
