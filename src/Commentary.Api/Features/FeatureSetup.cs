using Commentary.Api.Features.Articles;
using Commentary.Api.Features.Articles.Manage;
using Commentary.Api.Features.Authors;
using Commentary.Api.Features.Feeds;
using Commentary.Api.Features.Keys;
using Commentary.Api.Features.PartnerSync;
using Commentary.Api.Features.Publishing;
using Commentary.Api.Features.Renditions;
using Commentary.Api.Features.Search;
using Commentary.Api.Features.Sources;
using Commentary.Api.Features.Topics;
using Commentary.Api.Features.Webhooks;

namespace Commentary.Api.Features;

/// <summary>Every feature's services and routes, one line each; cross-cutting services are in <c>Common/ApiSetup</c>.</summary>
internal static class FeatureSetup
{
    public static IServiceCollection AddCommentaryFeatures(this IServiceCollection services) => services
        .AddPublicArticles()
        .AddRenditions()
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
