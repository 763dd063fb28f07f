namespace Commentary.Api.Platform;

/// <summary>The frontend this API feeds (article links in responses, feeds and the sitemap point there), and where the API itself is reached.</summary>
public sealed class SiteOptions
{
    public string ArticleUrl { get; set; } = "https://example.org/{lang}/articles/{slug}";

    /// <summary>The API's public base address (for example https://api.example.org) for links to the API itself; by default the scheme and host of the request.</summary>
    public string? ApiUrl { get; set; }

    public string ArticleUrlFor(string language, string slug) =>
        ArticleUrl.Replace("{lang}", language, StringComparison.Ordinal).Replace("{slug}", Uri.EscapeDataString(slug), StringComparison.Ordinal);

    /// <summary>The absolute URL of <paramref name="path"/> (starting with a slash) on this API.</summary>
    public string ApiUrlFor(HttpRequest request, string path) =>
        (string.IsNullOrWhiteSpace(ApiUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : ApiUrl.TrimEnd('/')) + path;
}
