using System.Net;
using System.Text.Json;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Delivery.Search;

public sealed class SearchArticlesTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => _seed ??= new ContentSeeder(Factory.Services);
    private ContentSeeder? _seed;

    private async Task<JsonElement> SearchAsync(string query)
    {
        var response = await Anonymous.GetAsync($"/api/search?{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static string[] Slugs(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("article").GetProperty("slug").GetString()!).ToArray();

    private Task SeedChineseAsync() => Seed.ArticleAsync("sino-russian", "en", new Dictionary<string, TranslationContent>
    {
        ["en"] = new("Sino-Russian defense cooperation", "Joint drills", "The two militaries held joint exercises in August."),
        ["zh-Hans"] = new("中俄防务合作达到新高度", "联合演习", "据新闻报道，中俄两军八月举行联合演习。"),
        ["zh-Hant"] = new("中俄防務合作達到新高度", "聯合演習", "兩國軍事合作持續深化。"),
    });

    [Fact]
    public async Task English_StemmingFindsInflectedForms()
    {
        await SeedChineseAsync();
        await Seed.SimpleAsync("unrelated", "Weather report", "Sunny with clouds.");

        var page = await SearchAsync("q=exercise");

        Assert.Equal(["sino-russian"], Slugs(page));
        var hit = page.GetProperty("items")[0];
        Assert.Contains("<mark>exercises</mark>", hit.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.Equal("en", hit.GetProperty("matchedLanguage").GetString());
    }

    [Theory]
    [InlineData("中俄")]
    [InlineData("軍事")]
    [InlineData("军事")]
    [InlineData("新聞")]
    [InlineData("新闻")]
    [InlineData("联合演习")]
    [InlineData("聯合演習")]
    [InlineData("俄")]
    public async Task Chinese_BigramsFindTextInBothScripts(string query)
    {
        await SeedChineseAsync();
        await Seed.SimpleAsync("other", "其他文章", "天气晴朗。", language: "zh-Hans");

        var page = await SearchAsync($"q={Uri.EscapeDataString(query)}");

        Assert.Equal(["sino-russian"], Slugs(page));
        Assert.Contains("<mark>", page.GetProperty("items")[0].GetProperty("snippet").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snippet_InServedLanguageAndHtmlEscaped()
    {
        await Seed.SimpleAsync("html", "Tags <script>alert(1)</script>", "Cooperation & <b>trust</b> between states.");

        var page = await SearchAsync("q=cooperation&lang=en");

        var snippet = page.GetProperty("items")[0].GetProperty("snippet").GetString()!;
        Assert.DoesNotContain("<script>", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", snippet, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", snippet, StringComparison.Ordinal);
        Assert.Contains("<mark>Cooperation</mark> &amp;", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ranking_TitleMatchBeforeBodyMatch()
    {
        await Seed.SimpleAsync("body", "Something else", "A short note on diplomacy.");
        await Seed.SimpleAsync("title", "Diplomacy today", "Nothing here.");

        Assert.Equal(["title", "body"], Slugs(await SearchAsync("q=diplomacy")));
    }

    [Fact]
    public async Task Paging_CursorContinuesAndIsBoundToTheQuery()
    {
        for (var i = 0; i < 5; i++)
        {
            await Seed.SimpleAsync($"a{i}", $"Summit {i}", "Leaders met.");
        }

        var first = await SearchAsync("q=summit&limit=3");
        var cursor = first.GetProperty("nextCursor").GetString()!;
        var second = await SearchAsync($"q=summit&limit=3&cursor={Uri.EscapeDataString(cursor)}");

        Assert.Equal(5, Slugs(first).Concat(Slugs(second)).Distinct().Count());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await Anonymous.GetAsync($"/api/search?q=other&cursor={Uri.EscapeDataString(cursor)}")).StatusCode);
    }

    [Fact]
    public async Task DraftsUnpublishedAndDeleted_AreNeverFound()
    {
        await Seed.ArticleAsync("draft", "en", new Dictionary<string, TranslationContent> { ["en"] = new("Zebra draft", null, "zebra") }, publish: []);
        var published = await Seed.SimpleAsync("edited", "Published", "Plain text.");
        await Seed.EditDraftAsync(published, "en", new("Zebra edit", null, "zebra zebra"));
        var withdrawn = await Seed.SimpleAsync("withdrawn", "Zebra withdrawn");
        await Seed.UnpublishAsync(withdrawn);
        var deleted = await Seed.SimpleAsync("deleted", "Zebra deleted");
        await Seed.DeleteAsync(deleted);

        Assert.Empty(Slugs(await SearchAsync("q=zebra")));
    }

    [Theory]
    [InlineData("'")]
    [InlineData("&")]
    [InlineData("!")]
    [InlineData("a:*")]
    [InlineData("(")]
    [InlineData("\"unclosed")]
    [InlineData("<->")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    [InlineData("a & | ! b")]
    [InlineData("-")]
    [InlineData("or")]
    [InlineData("the")]
    [InlineData("😀𠀀")]
    [InlineData("   ")]
    public async Task HostileQuery_Returns200(string query)
    {
        await SeedChineseAsync();
        await SearchAsync($"q={Uri.EscapeDataString(query)}");
    }

    [Fact]
    public async Task TenThousandCharacterQuery_Returns200()
    {
        await SeedChineseAsync();
        await SearchAsync($"q={new string('x', 5_000)}{string.Concat(Enumerable.Repeat("中", 5_000))}");
    }

    [Theory]
    [InlineData("q=a%00b", "q")]
    [InlineData("q=%ED%A0%80", "q")]
    [InlineData("", "q")]
    [InlineData("q=x&sort=rank", "sort")]
    [InlineData("q=x&limit=0", "limit")]
    [InlineData("q=x&cursor=nope", "cursor")]
    [InlineData("q=x&lang=fr", "lang")]
    public async Task InvalidInput_Returns400(string query, string field)
    {
        var response = await Anonymous.GetAsync($"/api/search?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }
}
