using Commentary.Api.Common.Http;

namespace Commentary.Api.Features.Articles;

public static class PublicArticlesEndpoints
{
    public static RouteGroupBuilder MapPublicArticles(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/articles").WithTags("Articles (public)").RequireCors(CorsPolicies.Public).AllowAnonymous();

        group.MapGet("/{slug}", GetPublishedArticle.Handle)
            .WithName("GetArticle")
            .WithSummary("One published article in the negotiated language")
            .WithDescription("`lang` beats `Accept-Language` beats the article's original language; a missing translation falls back along the configured chain and `isFallback` says so.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }
}
