using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Commentary.Api.Platform;

namespace Commentary.Api.Partners.Feeds;

/// <summary>Writes JSON Feed 1.1 (jsonfeed.org/version/1.1), whose member names are snake_case.</summary>
public static class JsonFeedWriter
{
    public const string Version = "https://jsonfeed.org/version/1.1";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <remarks>
    /// JSON can carry every character, but text is cleaned as in the XML feeds (<see cref="FeedXml.Clean"/>), so the three
    /// formats show the same text.
    /// </remarks>
    public static byte[] Write(FeedContent content, FeedOptions options, SiteOptions site, string self)
    {
        var feed = new JsonFeed(
            Version,
            FeedXml.Clean(content.Title(options)),
            options.HomeUrl,
            self,
            FeedXml.Clean(options.Description),
            content.Language,
            content.Articles.Select(a => new JsonFeedItem(
                $"urn:uuid:{a.Id}",
                site.ArticleUrlFor(a.Language, a.Slug),
                FeedXml.Clean(a.Title),
                FeedXml.Clean(a.BodyHtml),
                a.Summary is null ? null : FeedXml.Clean(a.Summary),
                a.PublishedAt,
                a.UpdatedAt,
                a.Authors.Count == 0 ? null : a.Authors.Select(x => new JsonFeedAuthor(FeedXml.Clean(x.Name))).ToList(),
                a.Topics.Count == 0 ? null : a.Topics.Select(t => FeedXml.Clean(t.Name)).ToList(),
                a.Language)).ToList());
        return JsonSerializer.SerializeToUtf8Bytes(feed, Json);
    }

    private sealed record JsonFeed(
        string Version, string Title, string HomePageUrl, string FeedUrl, string Description, string Language, IReadOnlyList<JsonFeedItem> Items);

    private sealed record JsonFeedItem(
        string Id, string Url, string Title, string ContentHtml, string? Summary, DateTimeOffset DatePublished, DateTimeOffset DateModified,
        IReadOnlyList<JsonFeedAuthor>? Authors, IReadOnlyList<string>? Tags, string Language);

    private sealed record JsonFeedAuthor(string Name);
}
