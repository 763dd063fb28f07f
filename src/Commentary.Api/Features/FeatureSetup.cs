using Commentary.Api.Common.Http;
using Commentary.Api.Common.OpenApi;
using Commentary.Api.Common;
using Commentary.Api.Data.Sample;
using Commentary.Api.Features.Articles.Manage;
using Commentary.Api.Features.Articles;
using Commentary.Api.Features.Authors;
using Commentary.Api.Features.Feeds;
using Commentary.Api.Features.Keys;
using Commentary.Api.Features.PartnerSync;
using Commentary.Api.Features.Publishing;
using Commentary.Api.Features.Related;
using Commentary.Api.Features.Search;
using Commentary.Api.Features.Sources;
using Commentary.Api.Features.Topics;
using Commentary.Api.Features.Webhooks;

namespace Commentary.Api.Features;

/// <summary>Every feature's services and routes, one line each.</summary>
internal static class FeatureSetup
{
    public static IServiceCollection AddCommentaryFeatures(this IServiceCollection services)
    {
        services.AddScoped<PublicArticleReader>();
        // Public delivery: lists, related, search, output cache evicted on every content change.
        services.AddScoped<PublicArticleList>();
        services.AddScoped<RelatedArticles>();
        services.AddScoped<PublicSearch>();
        services.AddPublicOutputCache();
        services.AddQueryParameterDocs();
        services.AddScoped<ArticlePublisher>();
        services.AddScoped<BootstrapAdminKey>();
        services.AddScoped<SampleArticleImporter>();
        services.AddManageArticles();
        services.AddFeeds();
        services.AddPartnerSync();
        services.AddWebhooks();
        // HEAD on every GET route (public delivery, feeds, sitemap, ...): runs the GET and drops the body.
        services.AddTransient<IStartupFilter, HeadRequests>();
        return services;
    }

    public static WebApplication MapCommentaryFeatures(this WebApplication app)
    {
        // The output cache sits after CORS and authentication (UseCommentaryPipeline) and before the endpoints.
        app.UseOutputCache();
        app.MapPublicArticles();
        app.MapManageKeys();
        app.MapManageSources();
        app.MapManageAuthors();
        app.MapManageTopics();
        app.MapManageArticles();
        app.MapFeeds();
        app.MapPartnerSync();
        app.MapWebhooks();
        app.MapPublicTopics();
        app.MapPublicAuthors();
        app.MapPublicSources();
        app.MapPublicSearch();
        app.MapStartupBanner();
        return app;
    }
}
