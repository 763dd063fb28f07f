using Commentary.Api.Platform.Http;

namespace Commentary.Api.Partners.Sitemap;

public static class SitemapEndpoints
{
    public static IServiceCollection AddSitemap(this IServiceCollection services) => services.AddScoped<SitemapStore>();

    public static RouteGroupBuilder MapSitemap(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Feeds").RequireCors(CorsPolicies.Public).AllowAnonymous();
        group.MapGet("/sitemap.xml", GetSitemap.Root)
            .WithName("GetSitemap").WithSummary("Sitemap (or sitemap index) with hreflang alternates for every published translation")
            .Produces(StatusCodes.Status200OK, contentType: "application/xml").Produces(StatusCodes.Status304NotModified);
        group.MapGet("/sitemaps/{n:int}.xml", GetSitemap.Page)
            .WithName("GetSitemapPage").WithSummary("One page of a split sitemap")
            .Produces(StatusCodes.Status200OK, contentType: "application/xml").Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }
}
