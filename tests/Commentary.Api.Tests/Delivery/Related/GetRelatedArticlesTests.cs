using System.Net;
using System.Text.Json;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Delivery.Related;

public sealed class GetRelatedArticlesTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => _seed ??= new ContentSeeder(Factory.Services);
    private ContentSeeder? _seed;

    private async Task<JsonElement[]> RelatedAsync(string url)
    {
        var response = await Anonymous.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().ToArray();
    }

    private static Dictionary<string, TranslationContent> Titles(string en, string hans) => new() { ["en"] = new(en, null, "b"), ["zh-Hans"] = new(hans, null, "正文") };

    [Fact]
    public async Task CuratedFirstInOrder_ThenSuggestionsByTopicAndSource()
    {
        var topic = await Seed.TopicAsync("military", ContentSeeder.Text("Military"));
        var source = await Seed.SourceAsync("yue", SourceKind.Person, ContentSeeder.Text("Yue"));
        var target = await Seed.ArticleAsync("target", "en", Titles("Target EN", "目标"));
        var draftTarget = await Seed.ArticleAsync("secret-draft", "en", Titles("DRAFT CANARY", "草稿"), publish: []);
        var sharesTopic = await Seed.SimpleAsync("shares-topic", "Shares topic", topics: [topic.Id]);
        var sharesSource = await Seed.ArticleAsync("shares-source", "en", Titles("Shares source", "来源"), quotes: [(source.Id, null, ContentSeeder.Text("Hi"))]);
        await Seed.SimpleAsync("newest-unrelated", "Newest unrelated");
        await Seed.ArticleAsync("main", "en", Titles("Main", "主要"),
            topics: [topic.Id],
            quotes: [(source.Id, null, ContentSeeder.Text("Hello"))],
            related: [(null, "https://example.com/x", "External"), (draftTarget, null, null), (target, null, null), (sharesTopic, null, null)]);

        // Five other published articles exist at most: the draft target is neither linked nor suggested.
        var items = await RelatedAsync("/api/articles/main/related?lang=zh-Hans&limit=6");

        Assert.Equal(["external", "article", "article", "article", "article"], items.Select(i => i.GetProperty("kind").GetString()!).ToArray());
        Assert.Equal("https://example.com/x", items[0].GetProperty("url").GetString());
        Assert.Equal("目标", items[1].GetProperty("title").GetString());
        Assert.Equal("zh-Hans", items[1].GetProperty("language").GetString());
        Assert.Equal(["target", "shares-topic", "shares-source", "newest-unrelated"], items[1..5].Select(i => i.GetProperty("slug").GetString()!).ToArray());
        Assert.Equal([false, false, false, true, true], items.Select(i => i.GetProperty("suggested").GetBoolean()).ToArray());
        Assert.DoesNotContain(items, i => i.GetProperty("slug").GetString() is "main" or "secret-draft");
        Assert.DoesNotContain("CANARY", string.Join("", items.Select(i => i.GetRawText())), StringComparison.Ordinal);
        _ = sharesSource;
    }

    [Fact]
    public async Task Limit_CapsCuratedAndSuggested()
    {
        var a = await Seed.SimpleAsync("a", "A");
        await Seed.SimpleAsync("b", "B");
        await Seed.ArticleAsync("main", "en", Titles("Main", "主要"), related: [(a, null, null)]);

        Assert.Single(await RelatedAsync("/api/articles/main/related?limit=1"));
        Assert.Equal(2, (await RelatedAsync("/api/articles/main/related")).Length);
        Assert.Equal(HttpStatusCode.BadRequest, (await Anonymous.GetAsync("/api/articles/main/related?limit=21")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync("/api/articles/nope/related")).StatusCode);
    }

    [Fact]
    public async Task Detail_CarriesTheSameRelatedList()
    {
        var target = await Seed.SimpleAsync("target", "Target");
        await Seed.ArticleAsync("main", "en", Titles("Main", "主要"), related: [(target, null, null)]);
        await Seed.SimpleAsync("other", "Other");

        var detail = JsonDocument.Parse(await Anonymous.GetStringAsync("/api/articles/main")).RootElement;
        var related = await RelatedAsync("/api/articles/main/related");

        Assert.Equal(related.Select(r => r.GetRawText()), detail.GetProperty("related").EnumerateArray().Select(r => r.GetRawText()));
        Assert.Equal(["target", "other"], related.Select(r => r.GetProperty("slug").GetString()!).ToArray());
    }

    [Fact]
    public async Task UnpublishedTarget_DisappearsFromCuratedLinks()
    {
        var target = await Seed.SimpleAsync("target", "Target");
        await Seed.ArticleAsync("main", "en", Titles("Main", "主要"), related: [(target, null, null)]);
        Assert.Single(await RelatedAsync("/api/articles/main/related"));

        await Seed.UnpublishAsync(target);

        Assert.Empty(await RelatedAsync("/api/articles/main/related"));
    }
}
