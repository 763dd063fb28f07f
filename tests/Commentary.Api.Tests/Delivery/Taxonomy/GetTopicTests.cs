using System.Net;
using System.Text.Json;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Delivery.Taxonomy;

public sealed class GetTopicTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => _seed ??= new ContentSeeder(Factory.Services);
    private ContentSeeder? _seed;

    [Fact]
    public async Task Topic_LocalizedWithFallbackAndPublishedArticlesPaged()
    {
        var topic = await Seed.TopicAsync("defense", ContentSeeder.Text("Defense", "国防"), ContentSeeder.Text("About defense"));
        await Seed.SimpleAsync("first", "First", topics: [topic.Id]);
        await Seed.SimpleAsync("second", "Second", topics: [topic.Id]);
        await Seed.ArticleAsync("draft", "en", new Dictionary<string, TranslationContent> { ["en"] = new("Draft", null, "b") }, publish: [], topics: [topic.Id]);
        await Seed.SimpleAsync("elsewhere", "Elsewhere");

        var page = JsonDocument.Parse(await Anonymous.GetStringAsync("/api/topics/defense?lang=zh-Hant&limit=1")).RootElement;

        Assert.Equal("国防", page.GetProperty("name").GetString());
        Assert.Equal("About defense", page.GetProperty("description").GetString());
        Assert.Equal("second", page.GetProperty("items")[0].GetProperty("slug").GetString());
        var next = page.GetProperty("nextCursor").GetString()!;
        var rest = JsonDocument.Parse(await Anonymous.GetStringAsync($"/api/topics/defense?lang=zh-Hant&limit=1&cursor={Uri.EscapeDataString(next)}")).RootElement;
        Assert.Equal("first", rest.GetProperty("items")[0].GetProperty("slug").GetString());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task UnknownTopic_Returns404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync("/api/topics/nope")).StatusCode);
    }

    [Fact]
    public async Task List_AllTopicsBySlugWithLocalizedNames()
    {
        await Seed.TopicAsync("b-topic", ContentSeeder.Text("B", hant: "乙"));
        await Seed.TopicAsync("a-topic", ContentSeeder.Text("A"));

        var page = JsonDocument.Parse(await Anonymous.GetStringAsync("/api/topics?lang=zh-Hant")).RootElement;

        Assert.Equal(["a-topic", "b-topic"], page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("slug").GetString()!).ToArray());
        Assert.Equal(["A", "乙"], page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await Anonymous.GetAsync("/api/topics?name=x")).StatusCode);
    }
}
