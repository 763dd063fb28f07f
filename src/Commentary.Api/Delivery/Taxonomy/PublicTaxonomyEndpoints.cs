using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Database.Standby;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.OpenApi;
using Commentary.Api.Platform.Paging;

namespace Commentary.Api.Delivery.Taxonomy;

/// <summary>The anonymous, output-cached taxonomy routes: /api/topics, /api/authors/{slug}, /api/sources and their term pages.</summary>
public static class PublicTaxonomyEndpoints
{
    private static readonly QueryParameterDoc NamePrefix = new("q", "string", "Name prefix, any language.");

    public static IEndpointRouteBuilder MapPublicTaxonomies(this IEndpointRouteBuilder app)
    {
        app.MapPublicTaxonomy<PublicTopicTaxonomy>()
            .MapTermList<PublicTopicTaxonomy, Topic, PublicTopic>()
            .MapTermPage<PublicTopicTaxonomy, Topic, PublicTopicPage>();
        app.MapPublicTaxonomy<PublicAuthorTaxonomy>()
            .MapTermPage<PublicAuthorTaxonomy, Author, PublicAuthorPage>();
        app.MapPublicTaxonomy<PublicSourceTaxonomy>()
            .MapTermList<PublicSourceTaxonomy, Source, PublicSource>()
            .MapTermPage<PublicSourceTaxonomy, Source, PublicSourcePage>();
        return app;
    }

    private static RouteGroupBuilder MapPublicTaxonomy<TTaxonomy>(this IEndpointRouteBuilder app)
        where TTaxonomy : IPublicTaxonomy =>
        app.MapGroup($"/api/{TTaxonomy.Plural.ToLowerInvariant()}").WithTags($"{TTaxonomy.Plural} (public)")
            .RequireCors(CorsPolicies.Public).AllowAnonymous().CacheOutput(PublicOutputCache.Policy).ReadsFromStandby();

    private static RouteGroupBuilder MapTermList<TTaxonomy, TTerm, TItem>(this RouteGroupBuilder group)
        where TTaxonomy : IPublicTermList<TTerm, TItem>
        where TTerm : TaxonomyTerm
    {
        // Handlers go through Delegate variables: the route-handler analyzer crashes (AD0001) on method groups of a type parameter's generic class.
        Delegate list = PublicTermListHandler<TTaxonomy, TTerm, TItem>.Handle;
        QueryParameterDoc[] parameters = [QueryParameterDoc.Lang, QueryParameterDoc.Limit(20, 100), QueryParameterDoc.Cursor];
        var endpoint = group.MapGet("/", list)
            .WithName($"List{TTaxonomy.Plural}")
            .WithQueryParameters(TTaxonomy.FiltersByNamePrefix ? [.. parameters, NamePrefix] : parameters)
            .WithSummary(TTaxonomy.ListSummary);
        if (TTaxonomy.FiltersByNamePrefix)
        {
            endpoint.WithDescription($"`q` keeps {TTaxonomy.Plural.ToLowerInvariant()} whose name in any language starts with it (case-insensitive; `%` and `_` are literal).");
        }
        else
        {
            endpoint.WithDescription($"Every {TTaxonomy.Singular.ToLowerInvariant()}, named in the negotiated language, in pages of `limit`.");
        }

        endpoint.ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    private static RouteGroupBuilder MapTermPage<TTaxonomy, TTerm, TPage>(this RouteGroupBuilder group)
        where TTaxonomy : IPublicTermPage<TTerm, TPage>
        where TTerm : TaxonomyTerm
    {
        Delegate get = PublicTermPageHandler<TTaxonomy, TTerm, TPage>.Handle;
        var endpoint = group.MapGet("/{slug}", get)
            .WithName($"Get{TTaxonomy.Singular}")
            .WithQueryParameters(QueryParameterDoc.Lang, QueryParameterDoc.Limit(20, 100), QueryParameterDoc.Cursor)
            .WithSummary(TTaxonomy.PageSummary);
        if (TTaxonomy.PageDescription is { } description)
        {
            endpoint.WithDescription(description);
        }
        else
        {
            endpoint.WithDescription($"The {TTaxonomy.Singular.ToLowerInvariant()} named in the negotiated language, with its published articles in pages of `limit`; unknown slugs are a 404.");
        }

        endpoint.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
