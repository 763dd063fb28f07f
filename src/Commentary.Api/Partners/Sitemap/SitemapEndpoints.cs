using Commentary.Api.Platform.Http;

namespace Commentary.Api.Partners.Sitemap;

public static class SitemapEndpoints
{
    public static IServiceCollection AddSitemap(this IServiceCollection services) => services.AddScoped<SitemapStore>();

    public static RouteGroupBuilder MapSitemap(this IEndpointRouteBuilder app)
    {
        // Not from a standby: a build takes an advisory lock, stores its files and compares transaction ids, none of which a standby has.
        var group = app.MapGroup("").WithTags("Feeds").RequireCors(CorsPolicies.Public).AllowAnonymous();
        group.MapGet("/sitemap.xml", GetSitemap.Root)
            .WithName("GetSitemap").WithSummary("Sitemap (or sitemap index) with hreflang alternates for every published translation")
            .WithDescription("Every published translation with its siblings as hreflang alternates; above `Commentary:Feeds:SitemapPageSize` URLs an index of `/sitemaps/{n}.xml`. Built once per change of public content and served from that copy. Takes no parameters.")
            .Produces(StatusCodes.Status200OK, contentType: "application/xml").Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/sitemaps/{n:int}.xml", GetSitemap.Page)
            .WithName("GetSitemapPage").WithSummary("One page of a split sitemap")
            .WithDescription("Page `n` (from 1) of the sitemap the index lists; a page past the last is a 404. Takes no query parameters.")
            .Produces(StatusCodes.Status200OK, contentType: "application/xml").Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }
}
