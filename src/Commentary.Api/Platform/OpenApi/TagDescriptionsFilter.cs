using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commentary.Api.Platform.OpenApi;

/// <summary>Says who each tag's operations are for (the groups Swagger UI shows); a tag not listed here gets a generic line.</summary>
internal sealed class TagDescriptionsFilter : IDocumentFilter
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["Articles (public)"] = "Published articles for readers and frontends: no key, language negotiation, ETags.",
        ["Articles (manage)"] = "Drafts, translations, revisions, quotes, links, publishing and previews (editor or translator keys).",
        ["Search (public)"] = "Full-text search over every published language, Chinese included.",
        ["Feeds"] = "RSS 2.0, Atom and JSON Feed per language, and the sitemap: no key.",
        ["Partner sync"] = "The published catalogue, then every later change exactly once (partner keys).",
        ["Webhooks"] = "Signed change notifications sent to partners (admin keys).",
        ["Keys"] = "API keys and their roles (admin keys).",
        ["Preview"] = "Draft previews behind unguessable links, never cached or indexed.",
        ["Operations"] = "Health checks for load balancers and orchestrators.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description ??= Descriptions.GetValueOrDefault(tag.Name ?? "")
                ?? (tag.Name is { } name && name.EndsWith("(manage)", StringComparison.Ordinal) ? $"{name[..^9]}: create, edit and delete (editor keys)."
                    : $"{tag.Name}: published, with localized names (no key).");
        }
    }
}
