namespace Commentary.Api.Delivery.Pages;

public static class RenditionsSetup
{
    /// <summary>Prebuilt article pages: the reader, the renderer and the background worker that keeps them current.</summary>
    public static IServiceCollection AddRenditions(this IServiceCollection services)
    {
        services.AddOptions<RenditionOptions>().BindConfiguration("Commentary:Renditions");
        services.AddSingleton<RenditionFormat>();
        services.AddScoped<ArticleRenditions>();
        services.AddScoped<ArticleRenderer>();
        services.AddHostedService<RenditionWorker>();
        return services;
    }
}
