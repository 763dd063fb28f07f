using Commentary.Api.Common;
using Commentary.Api.Data.Sample;
using Commentary.Api.Features.Articles;
using Commentary.Api.Features.Authors;
using Commentary.Api.Features.Articles.Manage;
using Commentary.Api.Features.Keys;
using Commentary.Api.Features.Publishing;
using Commentary.Api.Features.Sources;
using Commentary.Api.Features.Topics;

namespace Commentary.Api.Features;

/// <summary>Every feature's services and routes, one line each.</summary>
internal static class FeatureSetup
{
    public static IServiceCollection AddCommentaryFeatures(this IServiceCollection services)
    {
        services.AddScoped<PublicArticleReader>();
        services.AddScoped<ArticlePublisher>();
        services.AddScoped<BootstrapAdminKey>();
        services.AddScoped<SampleArticleImporter>();
        services.AddManageArticles();
        return services;
    }

    public static WebApplication MapCommentaryFeatures(this WebApplication app)
    {
        app.MapPublicArticles();
        app.MapManageKeys();
        app.MapManageSources();
        app.MapManageAuthors();
        app.MapManageTopics();
        app.MapManageArticles();
        app.MapStartupBanner();
        return app;
    }
}
