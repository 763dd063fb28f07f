using Commentary.Api.Partners.Feeds;
using Commentary.Api.Partners.Sitemap;
using Commentary.Api.Partners.Sync;
using Commentary.Api.Partners.Webhooks;

namespace Commentary.Api;

/// <summary>What partners pull and receive: feeds and the sitemap (anonymous), sync (partner key), webhooks (admin).</summary>
public static class PartnersSetup
{
    public static IServiceCollection AddPartners(this IServiceCollection services) => services
        .AddFeeds()
        .AddSitemap()
        .AddPartnerSync()
        .AddWebhooks();

    public static WebApplication MapPartners(this WebApplication app)
    {
        app.MapFeeds();
        app.MapSitemap();
        app.MapPartnerSync();
        app.MapWebhooks();
        return app;
    }
}
