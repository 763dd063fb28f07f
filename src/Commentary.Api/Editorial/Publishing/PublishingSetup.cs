using Commentary.Api.Editorial.Workflow;

namespace Commentary.Api.Editorial.Publishing;

public static class PublishingSetup
{
    /// <summary>Publishing, unpublishing and deleting (called by the management routes) and the scheduler of timed publications.</summary>
    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.AddScoped<ArticlePublisher>();
        services.AddOptions<SchedulingOptions>().BindConfiguration("Commentary:Scheduling");
        services.AddHostedService<ScheduledPublisher>();
        return services;
    }
}
