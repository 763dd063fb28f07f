using System.Net;
using System.Text.Json;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Delivery.PrebuiltPages;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Tests.Infrastructure;
using Commentary.Api.Tests.Partners.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Delivery.PrebuiltPages;

/// <summary>
/// Prebuilt article pages: byte for byte what the live read sends, served only while current, and withdrawn in the very
/// commit of any change to what they show (their article, a linked or suggested article, a linked name).
/// </summary>
public sealed class PrebuiltPageTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => _seed ??= new ContentSeeder(Factory.Services);
    private ContentSeeder? _seed;

    private static readonly string[] Variants = ["", "?lang=en", "?lang=zh-Hans", "?lang=zh-Hant", "?lang=zh-TW"];

    private static Dictionary<string, TranslationContent> Texts(string en, string hans) =>
        new() { ["en"] = new(en, "Summary", "Body **bold**"), ["zh-Hans"] = new(hans, "摘要", "正文") };

    /// <summary>main (en + zh-Hans; zh-Hant falls back) links "target", shares a topic with "sibling", quotes a source, has an author.</summary>
    private async Task<(Guid Main, Guid Target, Guid Sibling)> SeedAsync()
    {
        var topic = await Seed.TopicAsync("diplomacy", ContentSeeder.Text("Diplomacy", "外交", "外交"));
        var author = await Seed.AuthorAsync("kim", ContentSeeder.Text("Kim", "金"));
        var source = await Seed.SourceAsync("speaker", SourceKind.Person, ContentSeeder.Text("Speaker", "发言人"));
        var target = await Seed.ArticleAsync("target", "en", Texts("Target", "目标"));
        var sibling = await Seed.SimpleAsync("sibling", "Sibling", topics: [topic.Id]);
        var main = await Seed.ArticleAsync("main", "en", Texts("Main", "主要"),
            topics: [topic.Id], authors: [author.Id], quotes: [(source.Id, null, ContentSeeder.Text("Hello", "你好"))],
            related: [(target, null, null), (null, "https://example.com/x", "External")]);
        return (main, target, sibling);
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string? acceptLanguage = null)
    {
        await Factory.Services.GetRequiredService<PublicCacheInvalidator>().EvictAllAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return await Anonymous.SendAsync(request);
    }

    private static string Headers(HttpResponseMessage response) =>
        $"{response.StatusCode} {response.Headers.ETag} {response.Content.Headers.LastModified:O} {string.Join(",", response.Content.Headers.ContentLanguage)} {response.Content.Headers.ContentType}";

    private async Task<int> CountAsync(string table, Guid article)
    {
        await using var db = CreateDbContext();
        return table == "article_renditions"
            ? await db.PrebuiltPages.CountAsync(r => r.ArticleId == article)
            : await db.PageRenderQueue.CountAsync(q => q.ArticleId == article);
    }

    private async Task SqlAsync(string sql)
    {
        await using var db = CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private async Task<string[]> RelatedSlugsAsync(string url) =>
        JsonDocument.Parse(await (await GetAsync(url)).Content.ReadAsStringAsync()).RootElement.GetProperty("related").EnumerateArray()
            .Select(r => r.TryGetProperty("slug", out var slug) && slug.ValueKind == JsonValueKind.String ? slug.GetString()! : r.GetProperty("url").GetString()!)
            .ToArray();

    [Fact]
    public async Task Rendition_IsByteForByteTheLiveResponse_InEveryLanguage()
    {
        var (main, _, _) = await SeedAsync();
        var live = new List<(string Body, string Headers)>();
        foreach (var variant in Variants)
        {
            var response = await GetAsync($"/api/articles/main{variant}");
            live.Add((await response.Content.ReadAsStringAsync(), Headers(response)));
        }

        var byAcceptLanguage = await GetAsync("/api/articles/main", acceptLanguage: "zh-CN");
        var liveByAcceptLanguage = await byAcceptLanguage.Content.ReadAsStringAsync();

        await RenderAsync();

        Assert.Equal(3, await CountAsync("article_renditions", main));
        Assert.Equal(0, await CountAsync("rendition_queue", main));
        foreach (var (variant, expected) in Variants.Zip(live))
        {
            var response = await GetAsync($"/api/articles/main{variant}");
            Assert.Equal(expected.Body, await response.Content.ReadAsStringAsync());
            Assert.Equal(expected.Headers, Headers(response));
        }

        Assert.Equal(liveByAcceptLanguage, await (await GetAsync("/api/articles/main", acceptLanguage: "zh-CN")).Content.ReadAsStringAsync());
        Assert.Contains("\"isFallback\":true", live[3].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CurrentRendition_IsWhatIsServed_AndAnOutdatedFormatIsNot()
    {
        await SeedAsync();
        await RenderAsync();
        await SqlAsync("UPDATE article_renditions SET body = convert_to('{{\"rendered\":true}}', 'UTF8') WHERE slug = 'main'");

        Assert.Equal("{\"rendered\":true}", await (await GetAsync("/api/articles/main?lang=zh-Hans")).Content.ReadAsStringAsync());

        // A deploy that changes the URL pattern or the response shape: the old renditions are ignored, then rebuilt.
        await SqlAsync("UPDATE article_renditions SET format = 'before-the-deploy'");
        Assert.Contains("\"title\":\"主要\"", await (await GetAsync("/api/articles/main?lang=zh-Hans")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<PageRenderer>().EnqueueOutdatedFormatsAsync(CancellationToken.None));
        }

        await RenderAsync();
        await using var db = CreateDbContext();
        var format = Factory.Services.GetRequiredService<PageFormat>().Key;
        Assert.Equal(9, await db.PrebuiltPages.CountAsync(r => r.Format == format));
    }

    [Fact]
    public async Task Unpublish_And_Republish_AreServedAtOnce_WithoutWaitingForTheRenderer()
    {
        var (main, _, _) = await SeedAsync();
        await RenderAsync();

        await Seed.EditDraftAsync(main, "en", new("Main, revised", "Summary", "New body"));
        await Seed.PublishAsync(main, "en");
        Assert.Contains("\"title\":\"Main, revised\"", await (await GetAsync("/api/articles/main")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await Seed.UnpublishAsync(main);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/api/articles/main")).StatusCode);

        await RenderAsync();
        Assert.Equal(0, await CountAsync("article_renditions", main));
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/api/articles/main?lang=zh-Hans")).StatusCode);
    }

    [Fact]
    public async Task LinkedAndSuggestedArticles_LeaveTheLinkingPage_InTheCommitThatWithdrawsThem()
    {
        var (_, target, sibling) = await SeedAsync();
        await RenderAsync();
        Assert.Equal(["target", "https://example.com/x", "sibling"], await RelatedSlugsAsync("/api/articles/main"));

        await Seed.UnpublishAsync(target);
        await Seed.UnpublishAsync(sibling);

        Assert.Equal(["https://example.com/x"], await RelatedSlugsAsync("/api/articles/main"));
        await RenderAsync();
        Assert.Equal(["https://example.com/x"], await RelatedSlugsAsync("/api/articles/main"));

        // Republishing the curated target brings its link back: the page depends on it even while it is hidden.
        await Seed.PublishAsync(target);
        await RenderAsync();
        Assert.Equal(["target", "https://example.com/x"], await RelatedSlugsAsync("/api/articles/main"));
    }

    [Fact]
    public async Task RenamedAuthor_IsShownAtOnce()
    {
        await SeedAsync();
        await RenderAsync();

        await SharedPartChanges.ReplaceAsync(Admin, "/api/manage/authors/kim", new { name = new { en = "Kim Renamed" } });

        Assert.Contains("Kim Renamed", await (await GetAsync("/api/articles/main")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await RenderAsync();
        Assert.Contains("Kim Renamed", await (await GetAsync("/api/articles/main")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildOverTakenByAChangeOfItsArticle_IsNotStored()
    {
        var (main, _, _) = await SeedAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        var renderer = scope.ServiceProvider.GetRequiredService<PageRenderer>();
        var batch = await renderer.ReadBatchAsync(50, CancellationToken.None);

        await Seed.EditDraftAsync(main, "en", new("Main, newer", "Summary", "Body"));
        await Seed.PublishAsync(main, "en");
        await renderer.StoreBatchAsync(batch!, CancellationToken.None);

        Assert.Equal(0, await CountAsync("article_renditions", main));
        Assert.Equal(1, await CountAsync("rendition_queue", main));
        Assert.Contains("Main, newer", await (await GetAsync("/api/articles/main")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildOverTakenByAChangeOfALinkedArticle_IsNotStored_EvenWhenAnotherInstanceRenderedThatChange()
    {
        var (main, target, _) = await SeedAsync();
        await SqlAsync($"UPDATE rendition_queue SET enqueued_at = now() - interval '1 hour' WHERE article_id = '{main}'");
        await using var scope = Factory.Services.CreateAsyncScope();
        var renderer = scope.ServiceProvider.GetRequiredService<PageRenderer>();
        var stale = await renderer.ReadBatchAsync(1, CancellationToken.None);
        Assert.Equal(main, Assert.Single(stale!.Entries).ArticleId);

        await Seed.UnpublishAsync(target);
        // Another instance renders the unpublished target (and dequeues it) before this one stores its older build of main.
        await SqlAsync($"UPDATE rendition_queue SET enqueued_at = now() + interval '1 hour' WHERE article_id = '{main}'");
        await using (var other = Factory.Services.CreateAsyncScope())
        {
            var otherRenderer = other.ServiceProvider.GetRequiredService<PageRenderer>();
            while ((await otherRenderer.ReadBatchAsync(1, CancellationToken.None)) is { } next && next.Entries[0].ArticleId != main)
            {
                await otherRenderer.StoreBatchAsync(next, CancellationToken.None);
            }
        }

        Assert.Equal(0, await CountAsync("rendition_queue", target));
        await renderer.StoreBatchAsync(stale, CancellationToken.None);

        Assert.Equal(0, await CountAsync("article_renditions", main));
        Assert.DoesNotContain("target", await RelatedSlugsAsync("/api/articles/main"));
        await RenderAsync();
        Assert.DoesNotContain("target", await RelatedSlugsAsync("/api/articles/main"));
    }

    [Fact]
    public async Task Feeds_ReadFromRenditions_AreTheSameBytes()
    {
        await SeedAsync();
        var urls = new[] { "/feeds/en/rss.xml", "/feeds/zh-Hans/atom.xml", "/feeds/en/feed.json" };
        var live = new List<string>();
        foreach (var url in urls)
        {
            live.Add(await (await GetAsync(url)).Content.ReadAsStringAsync());
        }

        await RenderAsync();
        await SqlAsync("UPDATE article_renditions SET body = convert_to(replace(convert_from(body, 'UTF8'), 'Sibling', 'Rendered sibling'), 'UTF8')");

        foreach (var (url, expected) in urls.Zip(live))
        {
            var rendered = await (await GetAsync(url)).Content.ReadAsStringAsync();
            Assert.Equal(expected.Replace("Sibling", "Rendered sibling", StringComparison.Ordinal), rendered);
        }
    }

    /// <summary>Feeds keep the pages they parsed by ETag: a rebuilt page (new bytes, new ETag) is read again, never the parsed old one.</summary>
    [Fact]
    public async Task Feeds_ShowARebuiltPage_NotTheCopyTheyParsedBefore()
    {
        var (main, _, _) = await SeedAsync();
        await RenderAsync();
        Assert.Contains("Main", await (await GetAsync("/feeds/en/rss.xml")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await Seed.EditDraftAsync(main, "en", new("Main retitled", "Summary", "Body **bold**"));
        await Seed.PublishAsync(main, "en");
        await RenderAsync();

        var feed = await (await GetAsync("/feeds/en/rss.xml")).Content.ReadAsStringAsync();
        Assert.Contains("Main retitled", feed, StringComparison.Ordinal);
        Assert.Equal(await (await GetAsync("/feeds/en/rss.xml")).Content.ReadAsStringAsync(), feed);
    }

    [Fact]
    public async Task BackgroundWorker_RendersPublishedArticles()
    {
        await using var app = Factory.WithWebHostBuilder(b => b
            .UseSetting("Commentary:Renditions:Worker", "true")
            .UseSetting("Commentary:Renditions:PollInterval", "00:00:00.050"));
        _ = app.Server;
        var (main, _, _) = await SeedAsync();

        // The worker's lanes take disjoint shares of the queue, so the seeded articles may be stored in separate commits:
        // wait for the whole queue, not only for the main article.
        await using var db = CreateDbContext();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await CountAsync("article_renditions", main) < 3 || await db.PageRenderQueue.AnyAsync()) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(3, await CountAsync("article_renditions", main));
        Assert.False(await db.PageRenderQueue.AnyAsync());
    }
}
