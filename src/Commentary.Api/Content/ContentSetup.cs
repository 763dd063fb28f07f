using Commentary.Api.Content.Conversion;
using Commentary.Api.Content.Journal;
using Commentary.Api.Content.Rendering;

namespace Commentary.Api;

/// <summary>The content model's services. In the root namespace so that Program.cs composes areas without importing them.</summary>
public static class ContentSetup
{
    public static IServiceCollection AddContentModel(this IServiceCollection services) => services
        .AddSingleton<MarkdownRenderer>()
        .AddScoped<ContentJournal>()
        .AddScoped<ContentConverter>();
}
