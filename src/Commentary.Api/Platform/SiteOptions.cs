namespace Commentary.Api.Platform;

/// <summary>The frontend this API feeds; article links in responses, feeds and the sitemap point there.</summary>
public sealed class SiteOptions
{
    public string ArticleUrl { get; set; } = "https://example.org/{lang}/articles/{slug}";

    public string ArticleUrlFor(string language, string slug) =>
        ArticleUrl.Replace("{lang}", language, StringComparison.Ordinal).Replace("{slug}", Uri.EscapeDataString(slug), StringComparison.Ordinal);
}
