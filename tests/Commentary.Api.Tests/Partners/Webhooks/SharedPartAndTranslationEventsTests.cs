using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commentary.Api.Partners.Webhooks;
using Commentary.Api.Tests.Infrastructure;
using Commentary.Api.Tests.Partners.Sync;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Tests.Partners.Webhooks;

/// <summary>Changes of public content made outside the publisher still enqueue events (the dispatcher is off here: outbox rows only).</summary>
public sealed class SharedPartAndTranslationEventsTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => ContentSeeder.OnWallClock(Factory.Services);

    private async Task RegisterAsync()
    {
        var response = await Admin.PostAsJsonAsync("/api/manage/webhooks", new { url = "https://example.com/hook", events = WebhookEvents.All.ToArray() });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<List<(string Event, Guid ArticleId, string[] Languages)>> OutboxAsync()
    {
        await using var db = CreateDbContext();
        var rows = await db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToListAsync();
        return rows.Select(d => (d.Event, d.ArticleId, JsonSerializer.Deserialize<JsonElement>(d.Payload).GetProperty("languages").EnumerateArray().Select(l => l.GetString()!).ToArray())).ToList();
    }

    private async Task ClearOutboxAsync()
    {
        await using var db = CreateDbContext();
        await db.WebhookDeliveries.ExecuteDeleteAsync();
    }

    [Fact]
    public async Task SourceRename_EnqueuesOneUpdatedEventPerPublishedArticleShowingIt()
    {
        await RegisterAsync();
        var ada = await SharedPartChanges.CreateSourceAsync(Admin, "ada", "Ada");
        var quoted = await Seed.ArticleAsync("quoted", "en", new Dictionary<string, string> { ["en"] = "Q", ["zh-Hans"] = "Q 简" });
        var twice = await Seed.ArticleAsync("twice", "en", new Dictionary<string, string> { ["en"] = "T" });
        var draft = await Seed.ArticleAsync("draft", "en", new Dictionary<string, string> { ["en"] = "D" }, publish: []);
        await SharedPartChanges.AddQuoteAsync(Factory.Services, quoted, ada);
        await SharedPartChanges.AddQuoteAsync(Factory.Services, twice, ada);
        await SharedPartChanges.AddQuoteAsync(Factory.Services, twice, ada, outletId: ada);
        await SharedPartChanges.AddQuoteAsync(Factory.Services, draft, ada);
        await ClearOutboxAsync();

        await SharedPartChanges.ReplaceAsync(Admin, "/api/manage/sources/ada", new { kind = "person", name = new { en = "Ada Lovelace" }, role = new { en = "Role" } });

        var events = await OutboxAsync();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(WebhookEvents.Updated, e.Event));
        Assert.Equal(["en", "zh-Hans"], events.Single(e => e.ArticleId == quoted).Languages);
        Assert.Equal(["en"], events.Single(e => e.ArticleId == twice).Languages);
    }

    [Fact]
    public async Task DeletePublishedTranslation_EnqueuesUpdated_OrUnpublishedWhenItWasTheLastPublishedOne()
    {
        await RegisterAsync();
        var both = await Seed.ArticleAsync("both", "en", new Dictionary<string, string> { ["en"] = "B", ["zh-Hans"] = "B 简" });
        var onlyTranslation = await Seed.ArticleAsync("only", "en", new Dictionary<string, string> { ["en"] = "O draft", ["zh-Hant"] = "O 繁" }, publish: ["zh-Hant"]);
        var draftTranslation = await Seed.ArticleAsync("drafty", "en", new Dictionary<string, string> { ["en"] = "D", ["zh-Hant"] = "D 繁" }, publish: ["en"]);
        await ClearOutboxAsync();

        await DeleteTranslationAsync(both, "zh-Hans");
        await DeleteTranslationAsync(onlyTranslation, "zh-Hant");
        await DeleteTranslationAsync(draftTranslation, "zh-Hant");

        Assert.Equal(
            [(WebhookEvents.Updated, both, "zh-Hans"), (WebhookEvents.Unpublished, onlyTranslation, "zh-Hant")],
            (await OutboxAsync()).Select(e => (e.Event, e.ArticleId, Assert.Single(e.Languages))));
    }

    private async Task DeleteTranslationAsync(Guid id, string language)
    {
        var current = await Admin.GetAsync($"/api/manage/articles/{id}");
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/manage/articles/{id}/translations/{language}");
        delete.Headers.IfMatch.Add(current.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await Admin.SendAsync(delete)).StatusCode);
    }

    [Fact]
    public async Task RelatedLinksReplaced_AreADraft_PublishingOneLanguageEnqueuesUpdatedForEveryPublishedLanguage()
    {
        await RegisterAsync();
        var published = await Seed.ArticleAsync("linked-live", "en", new Dictionary<string, string> { ["en"] = "L", ["zh-Hant"] = "L 繁" });
        var draft = await Seed.ArticleAsync("linked-draft", "en", new Dictionary<string, string> { ["en"] = "D" }, publish: []);
        await ClearOutboxAsync();

        foreach (var id in new[] { published, draft })
        {
            var etag = (await Admin.GetAsync($"/api/manage/articles/{id}")).Headers.ETag!.Tag;
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/manage/articles/{id}/related")
            {
                Content = JsonContent.Create(new[] { new { url = "https://example.org/background", title = "Background" } }),
            };
            request.Headers.IfMatch.ParseAdd(etag);
            Assert.Equal(HttpStatusCode.OK, (await Admin.SendAsync(request)).StatusCode);
        }

        Assert.Empty(await OutboxAsync());
        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsJsonAsync($"/api/manage/articles/{published}/publish", new { languages = new[] { "en" } })).StatusCode);
        var (eventType, articleId, languages) = Assert.Single(await OutboxAsync());
        Assert.Equal(WebhookEvents.Updated, eventType);
        Assert.Equal(published, articleId);
        Assert.Equal(["en", "zh-Hant"], languages.Order().ToArray());
    }
}
