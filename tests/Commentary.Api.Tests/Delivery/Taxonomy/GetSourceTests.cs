using System.Net;
using System.Text.Json;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Delivery.Taxonomy;

public sealed class GetSourceTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => _seed ??= new ContentSeeder(Factory.Services);
    private ContentSeeder? _seed;

    [Fact]
    public async Task Source_QuotesFromPublishedArticlesOnly_WithArticleTitleAndOutlet()
    {
        var yue = await Seed.SourceAsync("yue-gang", SourceKind.Person, ContentSeeder.Text("Yue Gang", "岳刚", "岳剛"), ContentSeeder.Text("Retired colonel", "退役上校"));
        var outlet = await Seed.SourceAsync("global-times", SourceKind.Outlet, ContentSeeder.Text("Global Times", "环球时报", "環球時報"));
        await Seed.ArticleAsync("published", "en", new Dictionary<string, TranslationContent>
        {
            ["en"] = new("Published EN", null, "b"),
            ["zh-Hant"] = new("已發布", null, "內文"),
        }, quotes: [(yue.Id, outlet.Id, ContentSeeder.Text("We are not allies.", hant: "我們不是盟友。"))]);
        await Seed.ArticleAsync("draft", "en", new Dictionary<string, TranslationContent> { ["en"] = new("Draft CANARY", null, "b") },
            publish: [], quotes: [(yue.Id, null, ContentSeeder.Text("CANARY quote"))]);

        var response = await Anonymous.GetAsync("/api/sources/yue-gang?lang=zh-Hant");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("CANARY", text, StringComparison.Ordinal);
        var page = JsonDocument.Parse(text).RootElement;

        Assert.Equal("岳剛", page.GetProperty("name").GetString());
        Assert.Equal("退役上校", page.GetProperty("role").GetString());
        var quote = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("我們不是盟友。", quote.GetProperty("text").GetString());
        Assert.Equal("環球時報", quote.GetProperty("outlet").GetProperty("name").GetString());
        Assert.Equal("已發布", quote.GetProperty("article").GetProperty("title").GetString());
        Assert.Equal("published", quote.GetProperty("article").GetProperty("slug").GetString());

        var asOutlet = JsonDocument.Parse(await Anonymous.GetStringAsync("/api/sources/global-times")).RootElement;
        Assert.Equal("We are not allies.", Assert.Single(asOutlet.GetProperty("items").EnumerateArray()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task Quotes_PagedByCursor()
    {
        var yue = await Seed.SourceAsync("yue", SourceKind.Person, ContentSeeder.Text("Yue"));
        for (var i = 0; i < 3; i++)
        {
            await Seed.ArticleAsync($"a{i}", "en", new Dictionary<string, TranslationContent> { ["en"] = new($"A{i}", null, "b") },
                quotes: [(yue.Id, null, ContentSeeder.Text($"Quote {i}"))]);
        }

        var first = JsonDocument.Parse(await Anonymous.GetStringAsync("/api/sources/yue?limit=2")).RootElement;
        var second = JsonDocument.Parse(await Anonymous.GetStringAsync($"/api/sources/yue?limit=2&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}")).RootElement;

        Assert.Equal(["Quote 2", "Quote 1", "Quote 0"], first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(q => q.GetProperty("text").GetString()!).ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync("/api/sources/nobody")).StatusCode);
    }
}
