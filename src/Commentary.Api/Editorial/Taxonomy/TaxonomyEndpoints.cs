using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.OpenApi;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Validation;

namespace Commentary.Api.Editorial.Taxonomy;

/// <summary>
/// CRUD of authors, topics and sources under /api/manage (editor): create, list (`q`, keyset paging), get, replace
/// (If-Match), delete (refused while an article refers to the term).
/// </summary>
public static class TaxonomyEndpoints
{
    public static IEndpointRouteBuilder MapManageTaxonomies(this IEndpointRouteBuilder app)
    {
        app.MapTaxonomy<TopicTaxonomy, Topic, TopicRequest, ManagedTopic>();
        app.MapTaxonomy<AuthorTaxonomy, Author, AuthorRequest, ManagedAuthor>();
        app.MapTaxonomy<SourceTaxonomy, Source, SourceRequest, ManagedSource>();
        return app;
    }

    /// <summary>
    /// Maps the routes of one taxonomy: operation ids are <c>Create{Singular}</c>, <c>ListManaged{Plural}</c>,
    /// <c>GetManaged{Singular}</c>, <c>Replace{Singular}</c>, <c>Delete{Singular}</c>.
    /// </summary>
    private static RouteGroupBuilder MapTaxonomy<TTaxonomy, TTerm, TRequest, TResponse>(this IEndpointRouteBuilder app)
        where TTaxonomy : ITaxonomy<TTerm, TRequest, TResponse>
        where TTerm : TaxonomyTerm
        where TRequest : ITaxonomyRequest
    {
        var (singular, plural) = (TTaxonomy.Singular, TTaxonomy.Plural);
        var noun = TaxonomyHandlers<TTaxonomy, TTerm, TRequest, TResponse>.Noun;
        var aNoun = ("aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an " : "a ") + noun;
        // Handlers go through Delegate variables: the route-handler analyzer crashes (AD0001) on method groups of a type parameter's generic class.
        Delegate create = TaxonomyHandlers<TTaxonomy, TTerm, TRequest, TResponse>.Create;
        Delegate list = TaxonomyHandlers<TTaxonomy, TTerm, TRequest, TResponse>.List;
        Delegate get = TaxonomyHandlers<TTaxonomy, TTerm, TRequest, TResponse>.Get;
        Delegate replace = TaxonomyHandlers<TTaxonomy, TTerm, TRequest, TResponse>.Replace;
        Delegate delete = TaxonomyHandlers<TTaxonomy, TTerm, TRequest, TResponse>.Delete;
        Delegate convertOne = TaxonomyConversion<TTaxonomy, TTerm, TRequest, TResponse>.ConvertOne;
        Delegate convertAll = TaxonomyConversion<TTaxonomy, TTerm, TRequest, TResponse>.ConvertAll;
        var route = TaxonomyHandlers<TTaxonomy, TTerm, TRequest, TResponse>.Route;
        var group = app.MapGroup(route).WithTags($"{plural} (manage)").RequireRole(Roles.Editor).WithValidation();

        group.MapPost("/", create)
            .WithName($"Create{singular}")
            .WithSummary($"Create {aNoun}")
            .WithDescription($"The slug is optional: without one it is made from the English name (else another name's ASCII words, else `{noun}-<id>`). A taken slug is a 409.")
            .ProducesProblems(StatusCodes.Status409Conflict);

        group.MapGet("/", list)
            .WithName($"ListManaged{plural}")
            .WithSummary($"List {noun}s by slug, optionally filtered by `q`")
            .WithDescription("`q` matches a part of the slug or of any name, case-insensitively; `%` and `_` match themselves. Keyset paging with `limit` (1..100) and `cursor`.")
            .WithQueryParameters(QueryParameterDoc.Limit(PageLimits.Default, PageLimits.Max), QueryParameterDoc.Cursor)
            .ProducesProblems(StatusCodes.Status400BadRequest);

        group.MapGet("/{slug}", get)
            .WithName($"GetManaged{singular}")
            .WithSummary($"One {noun}, with its ETag")
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapPut("/{slug}", replace)
            .WithName($"Replace{singular}")
            .WithSummary($"Replace {aNoun} (If-Match required)")
            .WithDescription("Send every field: a missing optional one is cleared, a missing slug keeps the current one. Answers with the new ETag.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired);

        group.MapDelete("/{slug}", delete)
            .WithName($"Delete{singular}")
            .WithSummary($"Delete {aNoun} that no article uses")
            .WithDescription("If-Match is checked when sent. A 409 `in_use` while an article still refers to it.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        const string converts = "Where a name, or the {0}'s {1}, has 简体 and no 繁體, the 繁體 becomes its conversion (s2tw, glossary first), " +
            "and the reverse (tw2s). Nothing already written is replaced; English is never touched.";
        group.MapPost("/{slug}/convert", convertOne)
            .WithName($"Convert{singular}Names")
            .WithSummary($"Fill the missing Chinese script of {aNoun}'s texts by conversion (If-Match required)")
            .WithDescription(string.Format(System.Globalization.CultureInfo.InvariantCulture, converts, noun, TTaxonomy.OwnTextName) + " Answers with the new ETag.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired);
        group.MapPost("/convert", convertAll)
            .WithName($"Convert{plural}Names")
            .WithSummary($"Fill the missing Chinese script of every {noun}'s texts by conversion")
            .WithDescription(string.Format(System.Globalization.CultureInfo.InvariantCulture, converts, noun, TTaxonomy.OwnTextName) +
                " Answers how many were filled (`converted`) of how many there are (`terms`).");

        return group;
    }

    private static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder endpoint, params int[] statusCodes)
    {
        foreach (var statusCode in statusCodes)
        {
            endpoint.ProducesProblem(statusCode);
        }

        return endpoint;
    }
}
