using Commentary.Api.Delivery.Articles;
using Commentary.Api.Delivery.PrebuiltPages;
using Commentary.Api.Delivery.Search;
using Commentary.Api.Delivery.Taxonomy;

namespace Commentary.Api;

/// <summary>The public read model and its anonymous endpoints: published content only.</summary>
public static class DeliverySetup
{
    public static IServiceCollection AddDelivery(this IServiceCollection services) => services
        .AddPublicArticles()
        .AddPrebuiltPages()
        .AddPublicSearch();

    public static WebApplication MapDelivery(this WebApplication app)
    {
        app.MapPublicArticles();
        app.MapPublicTaxonomies();
        app.MapPublicSearch();
        return app;
    }
}
