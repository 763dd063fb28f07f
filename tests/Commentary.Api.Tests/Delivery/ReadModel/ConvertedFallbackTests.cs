using System.Net;
using System.Text.Json;
using Commentary.Api.Tests.Infrastructure;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Delivery.ReadModel;

/// <summary>A language not published, served as the conversion of the other Chinese script's published text.</summary>
public sealed class ConvertedFallbackTests(ApiFixture fixture) : ApiTest(fixture)
{
    /// <summary>An article published in zh-Hans only; its zh-Hant draft and a later zh-Hans draft must never show.</summary>
    private async Task<string> PublishSimplifiedOnlyAsync(string slug)
    {
        var (status, created, etag) = await Admin.SendAsync(HttpMethod.Post, ArticlesUrl, new
        {
            slug, originalLanguage = "zh-Hans", title = "头发与发展", summary = "台湾的发展", body = "**头发**与[发展](https://example.org/发展) `头发`",
        });
        Assert.Equal(HttpStatusCode.Created, status);
        var id = created.GetProperty("id").GetString()!;
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hant", new { title = "繁體草稿", body = "草稿" }, etag);
        (status, _, etag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { languages = new[] { "zh-Hans" } }, etag);
        Assert.Equal(HttpStatusCode.OK, status);
        (status, _, _) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "简体草稿", body = "草稿" }, etag);
        Assert.Equal(HttpStatusCode.OK, status);
        return id;
    }

    private async Task<(JsonElement Body, HttpResponseMessage Response)> GetAsync(string url)
    {
        var response = await Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone(), response);
    }

    private static void AssertConvertedPage(JsonElement page, HttpResponseMessage response)
    {
        Assert.Equal("zh-Hant", page.GetProperty("language").GetString());
        Assert.Equal("zh-Hant", page.GetProperty("requestedLanguage").GetString());
        Assert.True(page.GetProperty("isFallback").GetBoolean());
        Assert.True(page.GetProperty("converted").GetBoolean());
        Assert.Equal("zh-Hant", response.Content.Headers.ContentLanguage.Single());
        Assert.Equal("頭髮與發展", page.GetProperty("title").GetString());
        Assert.Equal("臺灣的發展", page.GetProperty("summary").GetString());
        var html = page.GetProperty("bodyHtml").GetString()!;
        // The link target and the code span stay as written (the renderer percent-encodes the URL).
        Assert.Contains("<strong>頭髮</strong>與<a href=\"https://example.org/%E5%8F%91%E5%B1%95\">發展</a> <code>头发</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("草稿", page.ToString(), StringComparison.Ordinal);
        var alternates = page.GetProperty("alternates").EnumerateArray().ToList();
        Assert.Equal(["zh-Hans", "zh-Hant"], alternates.Select(a => a.GetProperty("language").GetString()));
        Assert.False(alternates[0].GetProperty("converted").GetBoolean());
        Assert.True(alternates[1].GetProperty("converted").GetBoolean());
        Assert.Equal("頭髮與發展", alternates[1].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Page_IsConvertedFromThePublishedText_FlaggedAndListedInAlternates()
    {
        await PublishSimplifiedOnlyAsync("converted-live");
        var (page, response) = await GetAsync("/api/articles/converted-live?lang=zh-Hant");
        AssertConvertedPage(page, response);

        // The published language itself is served as it is, and lists the conversion among its alternates too.
        var (hans, _) = await GetAsync("/api/articles/converted-live?lang=zh-Hans");
        Assert.False(hans.GetProperty("converted").GetBoolean());
        Assert.Equal("头发与发展", hans.GetProperty("title").GetString());
        Assert.True(hans.GetProperty("alternates")[1].GetProperty("converted").GetBoolean());
    }

    [Fact]
    public async Task PrebuiltPage_IsTheSameConvertedPage_AndAGlossaryChangeRebuildsIt()
    {
        await PublishSimplifiedOnlyAsync("converted-prebuilt");
        var (live, _) = await GetAsync("/api/articles/converted-prebuilt?lang=zh-Hant");
        await RenderAsync();
        var (prebuilt, response) = await GetAsync("/api/articles/converted-prebuilt?lang=zh-Hant");
        AssertConvertedPage(prebuilt, response);
        Assert.Equal(live.ToString(), prebuilt.ToString());

        var (status, _, _) = await Admin.SendAsync(HttpMethod.Post, "/api/manage/glossary", new { term = "台湾", from = "zh-Hans", replacement = "台灣" });
        Assert.Equal(HttpStatusCode.Created, status);
        var (afterGlossary, _) = await GetAsync("/api/articles/converted-prebuilt?lang=zh-Hant");
        Assert.Equal("台灣的發展", afterGlossary.GetProperty("summary").GetString());
        await RenderAsync();
        var (rebuilt, _) = await GetAsync("/api/articles/converted-prebuilt?lang=zh-Hant");
        Assert.Equal("台灣的發展", rebuilt.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task TraditionalOnly_IsServedConvertedToSimplified()
    {
        var (_, created, etag) = await Admin.SendAsync(HttpMethod.Post, ArticlesUrl, new { slug = "hant-only", originalLanguage = "zh-Hant", title = "軟體與頭髮", body = "我們認為" });
        await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{created.GetProperty("id").GetString()}/publish", null, etag);
        var (page, response) = await GetAsync("/api/articles/hant-only?lang=zh-Hans");

        Assert.Equal("zh-Hans", page.GetProperty("language").GetString());
        Assert.True(page.GetProperty("converted").GetBoolean());
        Assert.Equal("zh-Hans", response.Content.Headers.ContentLanguage.Single());
        Assert.Equal("软体与头发", page.GetProperty("title").GetString());
        Assert.Equal("<p>我们认为</p>", page.GetProperty("bodyHtml").GetString()!.Trim());

        // English readers get the original as published, not a conversion.
        var (english, _) = await GetAsync("/api/articles/hant-only?lang=en");
        Assert.Equal("zh-Hant", english.GetProperty("language").GetString());
        Assert.False(english.GetProperty("converted").GetBoolean());
    }

    [Fact]
    public async Task ListsAndSearch_ServeConvertedItems_FeedsAndSitemapCarryPublishedLanguagesOnly()
    {
        await PublishSimplifiedOnlyAsync("converted-list");
        var (list, _) = await GetAsync("/api/articles?lang=zh-Hant");
        var item = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("slug").GetString() == "converted-list");
        Assert.Equal("zh-Hant", item.GetProperty("language").GetString());
        Assert.True(item.GetProperty("converted").GetBoolean());
        Assert.True(item.GetProperty("isFallback").GetBoolean());
        Assert.Equal("頭髮與發展", item.GetProperty("title").GetString());
        Assert.Equal(["zh-Hans"], item.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));

        var (search, _) = await GetAsync("/api/search?q=发展&lang=zh-Hant");
        var hit = search.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("article").GetProperty("slug").GetString() == "converted-list");
        Assert.True(hit.GetProperty("article").GetProperty("converted").GetBoolean());
        Assert.Equal("頭髮與發展", hit.GetProperty("article").GetProperty("title").GetString());

        await RenderAsync();
        var feed = await Anonymous.GetStringAsync("/feeds/zh-Hant/rss.xml");
        Assert.DoesNotContain("converted-list", feed, StringComparison.Ordinal);
        Assert.Contains("converted-list", await Anonymous.GetStringAsync("/feeds/zh-Hans/rss.xml"), StringComparison.Ordinal);
        var sitemap = await Anonymous.GetStringAsync("/sitemap.xml");
        Assert.Contains("zh-Hans/articles/converted-list", sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain("zh-Hant/articles/converted-list", sitemap, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConvertedFallbackOff_ServesTheOtherScriptAsPublished()
    {
        using var app = Factory.WithWebHostBuilder(builder => builder.UseSetting("Commentary:Languages:ConvertedFallback", "false"));
        await PublishSimplifiedOnlyAsync("not-converted");
        using var client = app.CreateClient();
        var page = JsonDocument.Parse(await client.GetStringAsync("/api/articles/not-converted?lang=zh-Hant")).RootElement;

        Assert.Equal("zh-Hans", page.GetProperty("language").GetString());
        Assert.False(page.GetProperty("converted").GetBoolean());
        Assert.Equal("头发与发展", page.GetProperty("title").GetString());
        Assert.Single(page.GetProperty("alternates").EnumerateArray());
    }
}
