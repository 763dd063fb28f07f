using Commentary.Api.Access.Keys;
using Commentary.Api.Delivery.Articles;
using Commentary.Api.Delivery.PrebuiltPages;
using Commentary.Api.Delivery.Search;
using Commentary.Api.Delivery.Taxonomy;
using Commentary.Api.Editorial.Articles;
using Commentary.Api.Editorial.Publishing;
using Commentary.Api.Editorial.Taxonomy;
using Commentary.Api.Partners.Feeds;
using Commentary.Api.Partners.Sync;
using Commentary.Api.Partners.Webhooks;

namespace Commentary.Api.Platform;

/// <summary>Every feature's services and routes, one line each; cross-cutting services are in <c>Common/ApiSetup</c>.</summary>
internal static class FeatureSetup
{
    public static IServiceCollection AddCommentaryFeatures(this IServiceCollection services) => services
        .AddPublicArticles()
        .AddPrebuiltPages()
        .AddPublicSearch()
        .AddPublishing()
        .AddManageKeys()
        .AddFeeds()
        .AddPartnerSync()
        .AddWebhooks();

    public static WebApplication MapCommentaryFeatures(this WebApplication app)
    {
        // Public delivery: anonymous, published content only.
        app.MapPublicArticles();
        app.MapPublicTopics();
        app.MapPublicAuthors();
        app.MapPublicSources();
        app.MapPublicSearch();
        app.MapFeeds();

        // Management: API keys with roles.
        app.MapManageArticles();
        app.MapManageTopics();
        app.MapManageAuthors();
        app.MapManageSources();
        app.MapManageKeys();
        app.MapWebhooks();

        // Partners.
        app.MapPartnerSync();
        return app;
    }
}
