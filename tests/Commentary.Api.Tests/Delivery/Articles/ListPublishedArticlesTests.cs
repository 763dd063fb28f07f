using System.Net;
using System.Text.Json;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Delivery.Articles;

public sealed class ListPublishedArticlesTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => _seed ??= new ContentSeeder(Factory.Services);
    private ContentSeeder? _seed;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static string[] Slugs(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).ToArray();

    [Fact]
    public async Task PublishedArticles_NewestFirstAndPagedByCursor()
    {
        await Seed.SimpleAsync("one", "One");
        await Seed.SimpleAsync("two", "Two");
        await Seed.SimpleAsync("three", "Three");

        var first = await JsonAsync(await Anonymous.GetAsync("/api/articles?limit=2"));
        Assert.Equal(["three", "two"], Slugs(first));
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await JsonAsync(await Anonymous.GetAsync($"/api/articles?limit=2&cursor={Uri.EscapeDataString(cursor!)}"));
        Assert.Equal(["one"], Slugs(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task DraftDeletedAndUnpublished_AreNotListed()
    {
        await Seed.SimpleAsync("public", "Public");
        await Seed.ArticleAsync("draft", "en", new Dictionary<string, TranslationContent> { ["en"] = new("Draft", null, "x") }, publish: []);
        var deleted = await Seed.SimpleAsync("deleted", "Deleted");
        await Seed.DeleteAsync(deleted);
        var withdrawn = await Seed.SimpleAsync("withdrawn", "Withdrawn");
        await Seed.UnpublishAsync(withdrawn);

        Assert.Equal(["public"], Slugs(await JsonAsync(await Anonymous.GetAsync("/api/articles"))));
    }

    [Fact]
    public async Task Summary_HasContractFieldsAndFlagsFallbackPerItem()
    {
        var topic = await Seed.TopicAsync("defense", ContentSeeder.Text("Defense", "国防", "國防"));
        await Seed.ArticleAsync("both", "en", new Dictionary<string, TranslationContent>
        {
            ["en"] = new("English title", "English summary", "Body"),
            ["zh-Hant"] = new("繁體標題", "繁體摘要", "內文"),
        }, topics: [topic.Id]);
        await Seed.SimpleAsync("english-only", "Only English");

        var page = await JsonAsync(await Anonymous.GetAsync("/api/articles?lang=zh-TW"));
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var englishOnly = items[0];
        Assert.Equal("en", englishOnly.GetProperty("language").GetString());
        Assert.Equal("zh-Hant", englishOnly.GetProperty("requestedLanguage").GetString());
        Assert.True(englishOnly.GetProperty("isFallback").GetBoolean());
        var both = items[1];
        Assert.Equal("繁體標題", both.GetProperty("title").GetString());
        Assert.Equal("繁體摘要", both.GetProperty("summary").GetString());
        Assert.False(both.GetProperty("isFallback").GetBoolean());
        Assert.Equal("國防", both.GetProperty("topics")[0].GetProperty("name").GetString());
        Assert.Equal("https://example.org/zh-Hant/articles/both", both.GetProperty("url").GetString());
        foreach (var field in new[] { "id", "slug", "originalLanguage", "publishedAt", "updatedAt", "authors", "languages" })
        {
            Assert.True(both.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Filters_TopicAuthorSourceAndDates()
    {
        var topic = await Seed.TopicAsync("china", ContentSeeder.Text("China"));
        var author = await Seed.AuthorAsync("wang", ContentSeeder.Text("Wang"));
        var source = await Seed.SourceAsync("yue-gang", SourceKind.Person, ContentSeeder.Text("Yue Gang"));
        var outlet = await Seed.SourceAsync("global-times", SourceKind.Outlet, ContentSeeder.Text("Global Times"));
        await Seed.SimpleAsync("plain", "Plain");
        await Seed.SimpleAsync("topical", "Topical", topics: [topic.Id]);
        await Seed.SimpleAsync("authored", "Authored", authors: [author.Id]);
        await Seed.ArticleAsync("quoting", "en", new Dictionary<string, TranslationContent> { ["en"] = new("Quoting", null, "b") },
            quotes: [(source.Id, outlet.Id, ContentSeeder.Text("We are not allies."))]);

        Assert.Equal(["topical"], Slugs(await JsonAsync(await Anonymous.GetAsync("/api/articles?topic=china"))));
        Assert.Equal(["authored"], Slugs(await JsonAsync(await Anonymous.GetAsync("/api/articles?author=wang"))));
        Assert.Equal(["quoting"], Slugs(await JsonAsync(await Anonymous.GetAsync("/api/articles?source=yue-gang"))));
        Assert.Equal(["quoting"], Slugs(await JsonAsync(await Anonymous.GetAsync("/api/articles?source=global-times"))));
        Assert.Empty(Slugs(await JsonAsync(await Anonymous.GetAsync("/api/articles?topic=unknown"))));

        // Seeded one minute apart from 2024-01-01T00:01Z: plain 00:01 (after the three entities at 00:00), topical 00:02 ...
        Assert.Equal(["quoting", "authored", "topical", "plain"], Slugs(await JsonAsync(await Anonymous.GetAsync("/api/articles?from=2024-01-01&to=2024-01-01"))));
        Assert.Equal(["authored", "topical"], Slugs(await JsonAsync(await Anonymous.GetAsync("/api/articles?from=2024-01-01T00:02:00Z&to=2024-01-01T00:04:00%2B00:00"))));
        Assert.Empty(Slugs(await JsonAsync(await Anonymous.GetAsync("/api/articles?from=2024-01-02"))));
    }

    [Theory]
    [InlineData("sort=title", "sort")]
    [InlineData("author.email=x", "author.email")]
    [InlineData("status=draft", "status")]
    [InlineData("Topic=china", "Topic")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=2147483648", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("cursor=garbage", "cursor")]
    [InlineData("cursor=eyJ4IjoxfQ.AAAAAAAAAAAAAAAA", "cursor")]
    [InlineData("from=2024-02-30", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=0001-01-01", "to")]
    [InlineData("to=9999-12-31", "to")]
    [InlineData("from=2024-05-01T08:00:00", "from")]
    [InlineData("from=2024-05-02&to=2024-05-01", "to")]
    [InlineData("lang=fr", "lang")]
    [InlineData("topic=a%00b", "topic")]
    [InlineData("limit=1&limit=2", "limit")]
    public async Task InvalidQuery_Returns400NamingTheParameter(string query, string field)
    {
        var response = await Anonymous.GetAsync($"/api/articles?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownLanguage_ListsSupportedTags()
    {
        var body = await (await Anonymous.GetAsync("/api/articles?lang=de")).Content.ReadAsStringAsync();
        Assert.Contains(Language.SupportedList, body, StringComparison.Ordinal);
    }
}
