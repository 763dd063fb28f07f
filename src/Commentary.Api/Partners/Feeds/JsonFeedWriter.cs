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

    public static byte[] Write(FeedContent content, FeedOptions options, SiteOptions site, Uri self)
    {
        var feed = new JsonFeed(
            Version,
            SyndicationWriter.FeedTitle(content, options),
            options.HomeUrl,
            self.AbsoluteUri,
            options.Description,
            content.Language,
            content.Articles.Select(a => new JsonFeedItem(
                $"urn:uuid:{a.Id}",
                site.ArticleUrlFor(a.Language, a.Slug),
                a.Title,
                a.BodyHtml,
                a.Summary,
                a.PublishedAt,
                a.UpdatedAt,
                a.Authors.Count == 0 ? null : a.Authors.Select(x => new JsonFeedAuthor(x.Name)).ToList(),
                a.Topics.Count == 0 ? null : a.Topics.Select(t => t.Name).ToList(),
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
