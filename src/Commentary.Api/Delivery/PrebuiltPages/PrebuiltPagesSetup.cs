namespace Commentary.Api.Delivery.PrebuiltPages;

public static class PrebuiltPagesSetup
{
    /// <summary>Prebuilt article pages: the reader, the renderer and the background worker that keeps them current.</summary>
    public static IServiceCollection AddPrebuiltPages(this IServiceCollection services)
    {
        services.AddOptions<PrebuiltPageOptions>().BindConfiguration("Commentary:Renditions");
        services.AddSingleton<PageFormat>();
        services.AddScoped<PrebuiltPageStore>();
        services.AddSingleton<ParsedPages>();
        services.AddScoped<PageRenderer>();
        services.AddScoped<PublishedPages>();
        services.AddHostedService<PageRenderWorker>();
        services.AddSingleton<RenderingMetrics>();
        RenderingMetrics.AddQueueLengthGauge(services);
        return services;
    }
}
