using System.Net;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using FeedReader = CodeHollow.FeedReader.FeedReader;
using FeedType = CodeHollow.FeedReader.FeedType;

namespace Commentary.Api.Tests.Partners.Feeds;

/// <summary>The feeds as widely used readers see them: conventional prefixes, RFC 1123 dates, and no text that breaks the XML.</summary>
public sealed partial class FeedFormatTests(ApiFixture fixture) : ApiTest(fixture)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ContentSeeder.OnWallClock(Factory.Services).ArticleAsync("markets", "en", new Dictionary<string, string> { ["en"] = "Markets" },
            topicSlugs: ["economy"], authorSlugs: ["li"], at: DateTimeOffset.Parse("2026-01-02T03:04:05Z"));
    }

    /// <summary>Rows stored before the text rule refused them: the writers drop what XML 1.0 cannot carry instead of failing.</summary>
    [Theory]
    [InlineData("rss.xml")]
    [InlineData("atom.xml")]
    [InlineData("feed.json")]
    public async Task TextStoredBeforeTheRule_IsWrittenWithoutTheForbiddenCharacters(string file)
    {
        await using (var db = CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("""
                UPDATE translations SET published_title = 'Vertical' || chr(11) || 'tab' || chr(65534),
                    published_summary = 'Sum' || chr(1) || 'mary', published_body_html = '<p>Bo' || chr(8) || 'dy</p>';
                UPDATE topics SET name_en = 'Eco' || chr(12) || 'nomy';
                UPDATE authors SET name_en = 'Li' || chr(27) || ' Wei';
                """);
        }

        var response = await Anonymous.GetAsync($"/feeds/en/{file}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var feed = FeedReader.ReadFromString(text);
        var item = Assert.Single(feed.Items);
        Assert.Equal("Verticaltab", item.Title);
        Assert.Contains("Body", item.Content, StringComparison.Ordinal);
        Assert.Equal("Li Wei", AuthorOf(item));
        Assert.Equal(["Economy"], item.Categories);
    }

    [Fact]
    public async Task Rss_UsesConventionalPrefixesAndRfc1123Dates()
    {
        var text = await Anonymous.GetStringAsync("/feeds/en/rss.xml");

        Assert.Contains("<content:encoded>", text, StringComparison.Ordinal);
        Assert.Contains("<dc:creator>Author li</dc:creator>", text, StringComparison.Ordinal);
        Assert.Contains("<atom:link ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("a10", text, StringComparison.Ordinal);
        var rss = XDocument.Parse(text).Root!;
        Assert.Equal("2.0", (string?)rss.Attribute("version"));
        var channel = rss.Element("channel")!;
        foreach (var required in new[] { "title", "link", "description" })
        {
            Assert.False(string.IsNullOrEmpty(channel.Element(required)?.Value), $"channel/{required}");
        }

        var dates = rss.Descendants().Where(e => e.Name.LocalName is "pubDate" or "lastBuildDate").Select(e => e.Value).ToList();
        Assert.NotEmpty(dates);
        Assert.All(dates, date => Assert.Matches(Rfc1123(), date));
        Assert.Contains("Fri, 02 Jan 2026 03:04:05 GMT", dates);
        var guid = channel.Element("item")!.Element("guid")!;
        Assert.Equal("false", (string?)guid.Attribute("isPermaLink"));
    }

    [Fact]
    public async Task Atom_IsRfc4287InTheDefaultNamespace()
    {
        var text = await Anonymous.GetStringAsync("/feeds/en/atom.xml");

        Assert.Contains("<feed ", text, StringComparison.Ordinal);
        Assert.Contains("xmlns=\"http://www.w3.org/2005/Atom\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("a10", text, StringComparison.Ordinal);
        var feed = XDocument.Parse(text).Root!;
        foreach (var required in new[] { "id", "title", "updated" })
        {
            Assert.False(string.IsNullOrEmpty(feed.Element(Atom + required)?.Value), $"feed/{required}");
        }

        Assert.Equal("http://localhost/feeds/en/atom.xml", feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        var entry = feed.Element(Atom + "entry")!;
        Assert.Equal("html", (string?)entry.Element(Atom + "content")!.Attribute("type"));
        Assert.Equal("Author li", entry.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Equal("economy", (string?)entry.Element(Atom + "category")!.Attribute("term"));
        Assert.Equal("2026-01-02T03:04:05Z", entry.Element(Atom + "published")!.Value);
    }

    /// <summary>An independent parser (CodeHollow.FeedReader) reads every format with its dates, authors and full content.</summary>
    [Theory]
    [InlineData("rss.xml", FeedType.Rss_2_0)]
    [InlineData("atom.xml", FeedType.Atom)]
    [InlineData("feed.json", FeedType.JsonFeed)]
    public async Task IndependentReader_ReadsEveryFormat(string file, FeedType type)
    {
        var text = await Anonymous.GetStringAsync($"/feeds/en/{file}");
        var feed = FeedReader.ReadFromString(text);

        Assert.Equal(type, feed.Type);
        // CodeHollow's Atom model has no language: Atom carries it as xml:lang on the feed.
        Assert.Equal("en", type == FeedType.Atom ? XDocument.Parse(text).Root!.Attribute(XNamespace.Xml + "lang")?.Value : feed.Language);
        var item = Assert.Single(feed.Items);
        Assert.Equal("Markets", item.Title);
        Assert.Equal("https://example.org/en/articles/markets", item.Link);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), item.PublishingDate?.ToUniversalTime());
        Assert.Equal("Author li", AuthorOf(item));
        Assert.Contains("<strong>Markets</strong>", item.Content, StringComparison.Ordinal);
        Assert.Equal(["Topic economy"], item.Categories);
    }

    [Theory]
    [InlineData("rss.xml")]
    [InlineData("atom.xml")]
    [InlineData("feed.json")]
    public async Task SelfLinks_ComeFromTheConfiguredApiUrl_NeverFromHost(string file)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/feeds/en/{file}?topic=economy");
        request.Headers.Host = "attacker.example";
        var response = await Anonymous.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("http://localhost/feeds/en/" + file + "?topic=economy", text.Replace("&amp;", "&", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("attacker", text, StringComparison.Ordinal);
    }

    /// <summary>The item's author as the reader exposes it: RSS's own author element is an e-mail address, so RSS names them in dc:creator.</summary>
    private static string? AuthorOf(CodeHollow.FeedReader.FeedItem item) =>
        item.SpecificItem is CodeHollow.FeedReader.Feeds.Rss20FeedItem rss ? rss.DC?.Creator : item.Author;

    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$")]
    private static partial Regex Rfc1123();
}
