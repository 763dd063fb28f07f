using System.Net;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Partners.Feeds;

public sealed class GetFeedTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const string EnTitle = "Markets & <morals>";
    private const string HansTitle = "市场与道德 新闻 𠀀";
    private const string HantTitle = "市場與道德 新聞 𠀀";
    private const string HantOnlyTitle = "只有繁體 😀";

    private Guid _both;
    private Guid _hantOnly;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var seed = ContentSeeder.OnWallClock(Factory.Services);
        _both = await seed.ArticleAsync("markets", "en", new Dictionary<string, string> { ["en"] = EnTitle, ["zh-Hans"] = HansTitle, ["zh-Hant"] = HantTitle },
            topicSlugs: ["economy"], authorSlugs: ["li"], at: DateTimeOffset.Parse("2026-01-02T03:04:05Z"));
        _hantOnly = await seed.ArticleAsync("hant-only", "zh-Hant", new Dictionary<string, string> { ["zh-Hant"] = HantOnlyTitle, ["en"] = "SECRET EN DRAFT" },
            publish: ["zh-Hant"], topicSlugs: ["culture"], at: DateTimeOffset.Parse("2026-02-02T03:04:05Z"));
        await seed.ArticleAsync("draft-only", "en", new Dictionary<string, string> { ["en"] = "DRAFT ONLY ARTICLE" }, publish: []);
        await seed.EditDraftAsync(_both, "en", ContentSeeder.Content("SECRET NEWER DRAFT", "en"));
    }

    public static TheoryData<string, string[]> Languages => new()
    {
        { "en", [EnTitle] },
        { "zh-Hans", [HansTitle] },
        { "zh-Hant", [HantOnlyTitle, HantTitle] },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Rss_ParsesWithPublishedItemsOnly(string lang, string[] titles)
    {
        var (response, bytes) = await GetAsync($"/feeds/{lang}/rss.xml");
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        AssertCleanUtf8(bytes, titles);

        var formatter = new Rss20FeedFormatter();
        formatter.ReadFrom(XmlReader.Create(new MemoryStream(bytes)));
        var feed = formatter.Feed;
        Assert.Equal(lang, feed.Language);
        Assert.Equal(titles, feed.Items.Select(i => i.Title.Text));
        var item = feed.Items.Last();
        Assert.StartsWith("urn:uuid:", item.Id, StringComparison.Ordinal);
        Assert.StartsWith($"https://example.org/{lang}/articles/", item.Links.Single().Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.NotEmpty(item.Categories);
        var encoded = item.ElementExtensions.ReadElementExtensions<string>("encoded", "http://purl.org/rss/1.0/modules/content/").Single();
        Assert.Contains("<strong>", encoded, StringComparison.Ordinal);
        Assert.Contains("新聞 新闻 𠀀 😀", encoded, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Atom_ParsesWithPublishedItemsOnly(string lang, string[] titles)
    {
        var (response, bytes) = await GetAsync($"/feeds/{lang}/atom.xml");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        AssertCleanUtf8(bytes, titles);

        var feed = SyndicationFeed.Load(XmlReader.Create(new MemoryStream(bytes)));
        Assert.Equal(titles, feed.Items.Select(i => i.Title.Text));
        Assert.All(feed.Items, item =>
        {
            var content = Assert.IsType<TextSyndicationContent>(item.Content);
            Assert.Equal("html", content.Type);
            Assert.Contains("<strong>", content.Text, StringComparison.Ordinal);
            Assert.NotEqual(default, item.LastUpdatedTime);
            Assert.StartsWith("urn:uuid:", item.Id, StringComparison.Ordinal);
        });
        Assert.NotEmpty(feed.Authors);
        Assert.Equal(lang, feed.Language);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task JsonFeed_HasRequiredFields(string lang, string[] titles)
    {
        var (response, bytes) = await GetAsync($"/feeds/{lang}/feed.json");
        Assert.Equal("application/feed+json", response.Content.Headers.ContentType!.MediaType);
        // System.Text.Json escapes characters outside the BMP (𠀀, emoji) as \u pairs; the parsed titles below are exact.
        AssertCleanUtf8(bytes, titles.Where(t => !t.Contains('&', StringComparison.Ordinal)).Select(t => t.Split(' ')[0]).ToArray());

        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("title").GetString()));
        Assert.Equal(lang, root.GetProperty("language").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(titles, items.Select(i => i.GetProperty("title").GetString()));
        Assert.All(items, item =>
        {
            Assert.StartsWith("urn:uuid:", item.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.Contains("<strong>", item.GetProperty("content_html").GetString(), StringComparison.Ordinal);
            Assert.Equal(lang, item.GetProperty("language").GetString());
            Assert.NotEmpty(item.GetProperty("tags").EnumerateArray());
        });
    }

    [Theory]
    [InlineData("rss.xml")]
    [InlineData("atom.xml")]
    [InlineData("feed.json")]
    public async Task ConditionalGet_Returns304(string file)
    {
        var first = await Anonymous.GetAsync($"/feeds/en/{file}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(first.Headers.ETag);
        Assert.NotNull(first.Content.Headers.LastModified);

        using var byEtag = new HttpRequestMessage(HttpMethod.Get, $"/feeds/en/{file}");
        byEtag.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var notModified = await Anonymous.SendAsync(byEtag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var byDate = new HttpRequestMessage(HttpMethod.Get, $"/feeds/en/{file}");
        byDate.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await Anonymous.SendAsync(byDate)).StatusCode);
    }

    [Fact]
    public async Task Publish_ChangesETag()
    {
        var before = await Anonymous.GetAsync("/feeds/en/rss.xml");
        await ContentSeeder.OnWallClock(Factory.Services).PublishAsync(_both, "en");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/en/rss.xml");
        request.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        var after = await Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("SECRET NEWER DRAFT", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TopicAndAuthorFilters_SelectArticles()
    {
        Assert.Equal([HantTitle], await TitlesAsync("/feeds/zh-Hant/feed.json?topic=economy"));
        Assert.Equal([HantOnlyTitle], await TitlesAsync("/feeds/zh-Hant/feed.json?topic=culture"));
        Assert.Equal([HantTitle], await TitlesAsync("/feeds/zh-Hant/feed.json?author=li"));
        Assert.Empty(await TitlesAsync("/feeds/zh-Hant/feed.json?topic=culture&author=li"));
        Assert.Equal([HantOnlyTitle, HantTitle], await TitlesAsync("/feeds/zh-TW/feed.json"));
    }

    [Theory]
    [InlineData("/feeds/fr/rss.xml", HttpStatusCode.BadRequest)]
    [InlineData("/feeds/en/rss.xml?sort=title", HttpStatusCode.BadRequest)]
    [InlineData("/feeds/en/atom.xml?topic=a&topic=b", HttpStatusCode.BadRequest)]
    [InlineData("/feeds/en/rss.xml?topic=a%00b", HttpStatusCode.BadRequest)]
    [InlineData("/feeds/en/atom.xml?author=a%ED%A0%80b", HttpStatusCode.BadRequest)]
    [InlineData("/feeds/en/feed.json?topic=a%EF%BF%BEb", HttpStatusCode.BadRequest)]
    [InlineData("/feeds/en/feed.json?topic=nope", HttpStatusCode.NotFound)]
    [InlineData("/feeds/en/feed.json?author=nope", HttpStatusCode.NotFound)]
    public async Task BadRequests_AreProblems(string url, HttpStatusCode status)
    {
        var response = await Anonymous.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Unpublished_LeavesFeeds()
    {
        await ContentSeeder.OnWallClock(Factory.Services).UnpublishAsync(_hantOnly);
        Assert.Equal([HantTitle], await TitlesAsync("/feeds/zh-Hant/feed.json"));
    }

    [Fact]
    public async Task FeedSyncAndWebhookRoutes_AreInTheOpenApiDocument()
    {
        using var document = JsonDocument.Parse(await Anonymous.GetStringAsync("/swagger/v1/swagger.json"));
        var paths = document.RootElement.GetProperty("paths");
        foreach (var path in new[]
        {
            "/feeds/{lang}/rss.xml", "/feeds/{lang}/atom.xml", "/feeds/{lang}/feed.json", "/sitemap.xml", "/sitemaps/{n}.xml",
            "/api/partner/changes", "/api/manage/webhooks", "/api/manage/webhooks/{id}", "/api/manage/webhooks/{id}/deliveries",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }

    private async Task<(HttpResponseMessage Response, byte[] Bytes)> GetAsync(string url)
    {
        var response = await Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<List<string?>> TitlesAsync(string url)
    {
        var (_, bytes) = await GetAsync(url);
        using var json = JsonDocument.Parse(bytes);
        return json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ToList();
    }

    /// <summary>No BOM, no draft text, and Chinese written as raw UTF-8 rather than escaped.</summary>
    private static void AssertCleanUtf8(byte[] bytes, string[] titlesVerbatim)
    {
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte-order mark");
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        Assert.DoesNotContain("DRAFT ONLY", text, StringComparison.Ordinal);
        foreach (var title in titlesVerbatim.Where(t => !t.Contains('<', StringComparison.Ordinal)))
        {
            Assert.Contains(title, text, StringComparison.Ordinal);
        }
    }
}
