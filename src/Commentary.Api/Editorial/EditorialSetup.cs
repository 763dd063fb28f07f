using Commentary.Api.Editorial;
using Commentary.Api.Editorial.Glossary;
using Commentary.Api.Editorial.Preview;
using Commentary.Api.Editorial.Publishing;
using Commentary.Api.Editorial.Sample;
using Commentary.Api.Editorial.Taxonomy;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;

namespace Commentary.Api;

/// <summary>Everything editors and translators call, and the sample article a fresh local database starts with.</summary>
public static class EditorialSetup
{
    public static IServiceCollection AddEditorial(this IServiceCollection services) => services
        .AddPublishing()
        .AddPreview()
        .AddScoped<TranslationConversions>()
        .AddScoped<GlossaryRefresh>()
        .AddScoped<SampleArticleImporter>()
        .AddScoped<IDatabaseSeeder>(provider => provider.GetRequiredService<SampleArticleImporter>());

    public static WebApplication MapEditorial(this WebApplication app)
    {
        app.MapManageArticles();
        app.MapPreview();
        app.MapManageTaxonomies();
        app.MapManageGlossary();
        return app;
    }
}
