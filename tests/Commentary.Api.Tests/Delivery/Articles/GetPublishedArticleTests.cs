using System.Net;
using System.Text.Json;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Delivery.Articles;

public sealed class GetPublishedArticleTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => _seed ??= new ContentSeeder(Factory.Services);
    private ContentSeeder? _seed;

    private static readonly Dictionary<string, TranslationContent> ThreeLanguages = new()
    {
        ["en"] = new("English title", "English summary", "English body"),
        ["zh-Hans"] = new("简体标题", "简体摘要", "简体正文"),
        ["zh-Hant"] = new("繁體標題", "繁體摘要", "繁體內文"),
    };

    private async Task<(JsonElement Body, HttpResponseMessage Response)> GetAsync(string url, string? acceptLanguage = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var response = await Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement, response);
    }

    [Theory]
    [InlineData("?lang=zh-Hans", "zh-Hant", "zh-Hans")]
    [InlineData("", "en;q=0.3, zh-TW;q=0.9", "zh-Hant")]
    [InlineData("", "fr, de;q=0.9, zh-CN;q=0.5", "zh-Hans")]
    [InlineData("", "klingon", "en")]
    [InlineData("?lang=zh-CN", null, "zh-Hans")]
    [InlineData("?lang=zh-TW", null, "zh-Hant")]
    [InlineData("?lang=zh-HK", null, "zh-Hant")]
    [InlineData("?lang=ZH-HANT", null, "zh-Hant")]
    [InlineData("?lang=zh_Hant", null, "zh-Hant")]
    [InlineData("?lang=en-GB", null, "en")]
    [InlineData("", null, "en")]
    public async Task Negotiation_LangBeatsAcceptLanguageBeatsOriginal(string query, string? acceptLanguage, string expected)
    {
        await Seed.ArticleAsync("a", "en", ThreeLanguages);

        var (body, response) = await GetAsync($"/api/articles/a{query}", acceptLanguage);

        Assert.Equal(expected, body.GetProperty("language").GetString());
        Assert.False(body.GetProperty("isFallback").GetBoolean());
        Assert.Equal(expected, response.Content.Headers.ContentLanguage.Single());
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public async Task UnknownLang_Returns400ListingTags()
    {
        await Seed.ArticleAsync("a", "en", ThreeLanguages);
        var response = await Anonymous.GetAsync("/api/articles/a?lang=xx");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("en, zh-Hans, zh-Hant", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "en" }, "zh-Hant", "en")]
    [InlineData(new[] { "zh-Hant", "zh-Hans" }, "en", "zh-Hant")]
    [InlineData(new[] { "zh-Hans", "zh-Hant" }, "en", "zh-Hans")]
    public async Task MissingTranslation_FallsBackAlongTheChain(string[] published, string requested, string served)
    {
        // The original is the first language; the others exist as drafts too, which must never be served.
        await Seed.ArticleAsync("a", published[0], ThreeLanguages, publish: published);

        var (body, response) = await GetAsync($"/api/articles/a?lang={requested}");

        Assert.Equal(served, body.GetProperty("language").GetString());
        Assert.Equal(requested, body.GetProperty("requestedLanguage").GetString());
        Assert.True(body.GetProperty("isFallback").GetBoolean());
        Assert.Equal(served, response.Content.Headers.ContentLanguage.Single());
        Assert.Equal(published.Order().ToArray(), body.GetProperty("alternates").EnumerateArray().Select(a => a.GetProperty("language").GetString()!).Order().ToArray());
        Assert.False(body.GetProperty("converted").GetBoolean());
    }

    [Fact]
    public async Task Detail_HasEveryContractField()
    {
        await Seed.ArticleAsync("a", "en", ThreeLanguages);
        var (body, response) = await GetAsync("/api/articles/a?lang=zh-Hant");

        foreach (var field in new[] { "id", "slug", "language", "requestedLanguage", "isFallback", "originalLanguage", "title", "summary", "bodyHtml", "publishedAt", "updatedAt", "authors", "topics", "quotes", "related", "alternates" })
        {
            Assert.True(body.TryGetProperty(field, out _), field);
        }

        Assert.Equal("繁體", body.GetProperty("alternates")[2].GetProperty("label").GetString());
        Assert.NotNull(response.Headers.ETag);
        Assert.True(response.Headers.ETag!.IsWeak is false);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Contains("public", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftEditOfPublishedTranslation_IsNotServed()
    {
        var id = await Seed.ArticleAsync("a", "en", ThreeLanguages);
        var (before, _) = await GetAsync("/api/articles/a");
        await Seed.EditDraftAsync(id, "en", new("Draft title CANARY", null, "Draft body CANARY"));

        var (after, _) = await GetAsync("/api/articles/a");

        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task UnpublishedDraftAndUnknown_AreIdentical404s()
    {
        await Seed.ArticleAsync("draft", "en", ThreeLanguages, publish: []);

        var draft = await Anonymous.GetAsync("/api/articles/draft");
        var unknown = await Anonymous.GetAsync("/api/articles/nothing");

        Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task UnknownQueryParameter_Returns400()
    {
        await Seed.ArticleAsync("a", "en", ThreeLanguages);
        Assert.Equal(HttpStatusCode.BadRequest, (await Anonymous.GetAsync("/api/articles/a?preview=true")).StatusCode);
    }
}
