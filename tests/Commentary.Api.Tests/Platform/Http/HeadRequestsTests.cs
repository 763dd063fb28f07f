using System.Net;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Platform.Http;

/// <summary>HEAD on every public GET: the GET's status and headers, no body, and conditional requests work the same way.</summary>
public sealed class HeadRequestsTests(ApiFixture fixture) : ApiTest(fixture)
{
    public static TheoryData<string> PublicRoutes => new()
    {
        "/api/articles",
        "/api/articles?lang=zh-Hant",
        "/api/articles/story",
        "/api/articles/story/related",
        "/api/search?q=story",
        "/api/topics",
        "/api/topics/politics",
        "/api/authors/ann",
        "/api/sources",
        "/api/sources/yue-gang",
        "/feeds/en/rss.xml",
        "/feeds/en/atom.xml",
        "/feeds/zh-Hant/feed.json",
        "/sitemap.xml",
    };

    private async Task SeedAsync()
    {
        var seed = new ContentSeeder(Factory.Services);
        var topic = await seed.TopicAsync("politics", ContentSeeder.Text("Politics", "政治", "政治"));
        var author = await seed.AuthorAsync("ann", ContentSeeder.Text("Ann", "安", "安"));
        var yue = await seed.SourceAsync("yue-gang", SourceKind.Person, ContentSeeder.Text("Yue Gang", "岳刚", "岳剛"));
        var other = await seed.SimpleAsync("other", "Other story");
        await seed.ArticleAsync("story", "en", new Dictionary<string, TranslationContent>
        {
            ["en"] = new("Story", "About the story", "Story body."),
            ["zh-Hant"] = new("故事", null, "內文"),
        }, topics: [topic.Id], authors: [author.Id], quotes: [(yue.Id, null, ContentSeeder.Text("A quote."))], related: [(other, null, null)]);
    }

    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task Head_SameStatusAndHeadersAsGet_NoBody(string url)
    {
        await SeedAsync();
        var get = await Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var body = await get.Content.ReadAsByteArrayAsync();

        var head = await Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.NotNull(head.Headers.ETag);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Headers.CacheControl, head.Headers.CacheControl);
        if (head.Content.Headers.ContentLength is { } length)
        {
            Assert.Equal(body.Length, length);
        }
    }

    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task HeadWithIfNoneMatch_Returns304(string url)
    {
        await SeedAsync();
        var etag = (await Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, url))).Headers.ETag!;

        var conditional = new HttpRequestMessage(HttpMethod.Head, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        var response = await Anonymous.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task OnKestrel_HeadSendsContentLengthAndNoBody()
    {
        await SeedAsync();
        await using var kestrel = Factory.WithWebHostBuilder(_ => { });
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        using var client = kestrel.CreateClient();
        var get = await client.GetAsync("/api/articles/story");

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/articles/story"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal((await get.Content.ReadAsByteArrayAsync()).Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        // The connection is still usable: no body bytes were left on the wire after the HEAD response.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/articles/story")).StatusCode);
    }

    [Fact]
    public async Task HeadOnAMissingArticle_404WithoutBody()
    {
        var response = await Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/articles/missing"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HeadOnAManagementRoute_StillNeedsAKey()
    {
        var response = await Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/manage/articles"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/manage/articles"))).StatusCode);
    }
}
