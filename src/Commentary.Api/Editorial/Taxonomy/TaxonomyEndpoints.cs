using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.OpenApi;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Validation;

namespace Commentary.Api.Editorial.Taxonomy;

public static class TaxonomyEndpoints
{
    /// <summary>
    /// Maps the CRUD routes of one taxonomy feature under <c>TFeature.Route</c> (editor role): operation ids are
    /// <c>Create{Singular}</c>, <c>List{Plural}</c>, <c>Get{Singular}</c>, <c>Replace{Singular}</c>, <c>Delete{Singular}</c>.
    /// </summary>
    public static RouteGroupBuilder MapTaxonomy<TFeature, TEntity, TRequest, TResponse>(this IEndpointRouteBuilder app, string singular, string plural)
        where TFeature : ITaxonomy<TEntity, TRequest, TResponse>
        where TEntity : class, ITaxonomyEntity
        where TRequest : ITaxonomyRequest
    {
        var noun = TFeature.Noun;
        var aNoun = ("aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an " : "a ") + noun;
        // Handlers go through Delegate variables: the route-handler analyzer crashes (AD0001) on method groups of a type parameter's generic class.
        Delegate create = TaxonomyHandlers<TFeature, TEntity, TRequest, TResponse>.Create;
        Delegate list = TaxonomyHandlers<TFeature, TEntity, TRequest, TResponse>.List;
        Delegate get = TaxonomyHandlers<TFeature, TEntity, TRequest, TResponse>.Get;
        Delegate replace = TaxonomyHandlers<TFeature, TEntity, TRequest, TResponse>.Replace;
        Delegate delete = TaxonomyHandlers<TFeature, TEntity, TRequest, TResponse>.Delete;
        var group = app.MapGroup(TFeature.Route).WithTags($"{plural} (manage)").RequireRole(Roles.Editor).WithValidation();

        group.MapPost("/", create)
            .WithName($"Create{singular}")
            .WithSummary($"Create {aNoun}")
            .WithDescription($"The slug is optional: without one it is made from the English name (else another name's ASCII words, else `{noun}-<id>`). A taken slug is a 409.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", list)
            .WithName($"ListManaged{plural}")
            .WithSummary($"List {noun}s by slug, optionally filtered by `q`")
            .WithDescription("`q` matches a part of the slug or of any name, case-insensitively; `%` and `_` match themselves. Keyset paging with `limit` (1..100) and `cursor`.")
            .WithQueryParameters(QueryParameterDoc.Limit(PageLimits.Default, PageLimits.Max), QueryParameterDoc.Cursor)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{slug}", get)
            .WithName($"GetManaged{singular}")
            .WithSummary($"One {noun}, with its ETag")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{slug}", replace)
            .WithName($"Replace{singular}")
            .WithSummary($"Replace {aNoun} (If-Match required)")
            .WithDescription("Send every field: a missing optional one is cleared, a missing slug keeps the current one. Answers with the new ETag.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        group.MapDelete("/{slug}", delete)
            .WithName($"Delete{singular}")
            .WithSummary($"Delete {aNoun} that no article uses")
            .WithDescription("If-Match is checked when sent. A 409 `in_use` while an article still refers to it.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        return group;
    }
}
