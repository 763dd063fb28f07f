using System.Net;
using System.Xml.Linq;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Partners.Sitemap;

public sealed class GetSitemapTests(ApiFixture fixture) : ApiTest(fixture)
{
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var seed = ContentSeeder.OnWallClock(Factory.Services);
        await seed.ArticleAsync("trilingual", "zh-Hans", new Dictionary<string, string> { ["en"] = "Three", ["zh-Hans"] = "三种", ["zh-Hant"] = "三種" });
        await seed.ArticleAsync("partial", "en", new Dictionary<string, string> { ["en"] = "Partial", ["zh-Hant"] = "草稿" }, publish: ["en"]);
        await seed.ArticleAsync("draft", "en", new Dictionary<string, string> { ["en"] = "Draft" }, publish: []);
        var deleted = await seed.ArticleAsync("deleted", "en", new Dictionary<string, string> { ["en"] = "Deleted" });
        await seed.DeleteAsync(deleted);
    }

    [Fact]
    public async Task Sitemap_ListsPublishedTranslationsWithHreflangClusters()
    {
        var response = await Anonymous.GetAsync("/sitemap.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var urls = Urls(XDocument.Parse(await response.Content.ReadAsStringAsync()));

        Assert.Equal(
            new[] { "https://example.org/en/articles/partial", "https://example.org/en/articles/trilingual", "https://example.org/zh-Hans/articles/trilingual", "https://example.org/zh-Hant/articles/trilingual" },
            urls.Keys.Order(StringComparer.Ordinal));

        foreach (var language in new[] { "en", "zh-Hans", "zh-Hant" })
        {
            var alternates = urls[$"https://example.org/{language}/articles/trilingual"];
            Assert.Equal("https://example.org/en/articles/trilingual", alternates["en"]);
            Assert.Equal("https://example.org/zh-Hans/articles/trilingual", alternates["zh-Hans"]);
            Assert.Equal("https://example.org/zh-Hant/articles/trilingual", alternates["zh-Hant"]);
            Assert.Equal("https://example.org/zh-Hans/articles/trilingual", alternates["x-default"]);
        }

        var partial = urls["https://example.org/en/articles/partial"];
        Assert.Equal(["en", "x-default"], partial.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ConditionalGet_Returns304()
    {
        var first = await Anonymous.GetAsync("/sitemap.xml");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sitemap.xml");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await Anonymous.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task OverPageSize_BecomesAnIndexOfPages()
    {
        await using var small = Factory.WithWebHostBuilder(b => b.UseSetting("Commentary:Feeds:SitemapPageSize", "3"));
        var client = small.CreateClient();

        var index = XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        Assert.Equal(Sm + "sitemapindex", index.Root!.Name);
        var locations = index.Root.Elements(Sm + "sitemap").Select(s => new Uri(s.Element(Sm + "loc")!.Value)).ToList();
        Assert.Equal(["/sitemaps/1.xml", "/sitemaps/2.xml"], locations.Select(l => l.AbsolutePath));

        var all = new List<string>();
        foreach (var location in locations)
        {
            all.AddRange(Urls(XDocument.Parse(await client.GetStringAsync(location.AbsolutePath))).Keys);
        }

        Assert.Equal(4, all.Distinct().Count());
        Assert.Equal(4, all.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sitemaps/3.xml")).StatusCode);
    }

    private static Dictionary<string, Dictionary<string, string>> Urls(XDocument sitemap)
    {
        Assert.Equal(Sm + "urlset", sitemap.Root!.Name);
        return sitemap.Root.Elements(Sm + "url").ToDictionary(
            u => u.Element(Sm + "loc")!.Value,
            u =>
            {
                Assert.NotNull(u.Element(Sm + "lastmod"));
                return u.Elements(Xhtml + "link").ToDictionary(l => (string)l.Attribute("hreflang")!, l => (string)l.Attribute("href")!);
            });
    }

    [Theory]
    [InlineData("/sitemap.xml?page=2")]
    [InlineData("/sitemaps/1.xml?x=a%00b")]
    public async Task QueryParameters_AreRefusedLikeOnEveryPublicRoute(string url)
    {
        var response = await Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
