namespace Commentary.Api.Platform;

/// <summary>The frontend this API feeds (article links in responses, feeds and the sitemap point there), and where the API itself is reached.</summary>
public sealed class SiteOptions
{
    /// <summary>Where <c>dotnet run</c> listens: the API's address when <see cref="ApiUrl"/> is not configured (outside Production).</summary>
    public const string DevelopmentApiUrl = "http://localhost:5080";

    public string ArticleUrl { get; set; } = "https://example.org/{lang}/articles/{slug}";

    /// <summary>
    /// The API's public base address (for example https://api.example.org) for links to the API itself: feed self links,
    /// the sitemap index, preview links. Required in Production; never taken from the request, whose Host header is
    /// the caller's to choose (and a stored sitemap serves every caller).
    /// </summary>
    public string? ApiUrl { get; set; }

    /// <summary><see cref="ApiUrl"/> without a trailing slash, or <see cref="DevelopmentApiUrl"/>.</summary>
    public string ApiBaseUrl => (string.IsNullOrWhiteSpace(ApiUrl) ? DevelopmentApiUrl : ApiUrl.Trim()).TrimEnd('/');

    public string ArticleUrlFor(string language, string slug) =>
        ArticleUrl.Replace("{lang}", language, StringComparison.Ordinal).Replace("{slug}", Uri.EscapeDataString(slug), StringComparison.Ordinal);

    /// <summary>The absolute URL of <paramref name="path"/> (starting with a slash) on this API.</summary>
    public string ApiUrlFor(string path) => ApiBaseUrl + path;

    /// <summary>As <see cref="ApiUrlFor(string)"/>: the request is not consulted (its Host header is the caller's to choose).</summary>
#pragma warning disable IDE0060 // Kept for callers written when the address came from the request.
    public string ApiUrlFor(HttpRequest request, string path) => ApiUrlFor(path);
#pragma warning restore IDE0060

    /// <summary>Whether <paramref name="url"/> may serve as <see cref="ApiUrl"/>: an absolute http(s) address without query or fragment.</summary>
    public static bool IsValidApiUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0 && uri.Fragment.Length == 0;
}
