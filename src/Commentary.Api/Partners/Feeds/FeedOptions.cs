namespace Commentary.Api.Partners.Feeds;

/// <summary>How feeds and the sitemap describe the publication (<c>Commentary:Feeds</c>).</summary>
public sealed class FeedOptions
{
    public const int MaxItems = 50;

    public string Title { get; set; } = "Commentary";
    public string Description { get; set; } = "Commentary on current affairs in English, 简体 and 繁體.";

    /// <summary>The frontend's home page; feeds link to it.</summary>
    public string HomeUrl { get; set; } = "https://example.org/";

    /// <summary>URLs per sitemap file; the protocol allows 50,000, and above that /sitemap.xml becomes an index.</summary>
    public int SitemapPageSize { get; set; } = 50_000;
}
