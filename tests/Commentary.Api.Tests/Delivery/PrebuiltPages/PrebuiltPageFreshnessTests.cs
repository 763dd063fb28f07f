using System.Text.Json;
using Commentary.Api.Content;
using Commentary.Api.Delivery.PrebuiltPages;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Delivery.PrebuiltPages;

/// <summary>A rebuilt rendition is what the live read sends at that moment, whatever earlier batches saw.</summary>
public sealed class PrebuiltPageFreshnessTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => _seed ??= new ContentSeeder(Factory.Services);
    private ContentSeeder? _seed;

    /// <summary>
    /// main suggests the five newest of six siblings; the newest is unpublished, which re-queues main. The rebuilt page
    /// must suggest the other five, as the live read does, not four (a candidate list kept from the earlier batch still
    /// holds the withdrawn sibling, which then drops out after scoring, and the page stays short until main changes).
    /// </summary>
    [Fact]
    public async Task RebuildAfterASuggestedArticleIsWithdrawn_SuggestsAsManyAsTheLiveRead()
    {
        var topic = await Seed.TopicAsync("t", ContentSeeder.Text("T"));
        var main = await Seed.SimpleAsync("main", "Main", topics: [topic.Id]);
        var siblings = new List<Guid>();
        for (var i = 1; i <= 6; i++)
        {
            siblings.Add(await Seed.SimpleAsync($"s{i}", $"S{i}", topics: [topic.Id]));
        }

        await RenderAsync();
        Assert.Equal(["s6", "s5", "s4", "s3", "s2"], await RelatedSlugsAsync());

        await Seed.UnpublishAsync(siblings[^1]);
        var live = await RelatedSlugsAsync();
        Assert.Equal(["s5", "s4", "s3", "s2", "s1"], live);
        await RenderAsync();

        await using (var db = CreateDbContext())
        {
            Assert.True(await db.PrebuiltPages.AnyAsync(r => r.ArticleId == main));
        }

        Assert.Equal(live, await RelatedSlugsAsync());
    }

    /// <summary>A sibling published after an earlier batch loaded the topic's candidates is suggested when main is rebuilt.</summary>
    [Fact]
    public async Task RebuildAfterANewerArticleSharesATopic_SuggestsItAsTheLiveReadDoes()
    {
        var topic = await Seed.TopicAsync("t", ContentSeeder.Text("T"));
        await Seed.SimpleAsync("main", "Main", topics: [topic.Id]);
        await Seed.SimpleAsync("old", "Old", topics: [topic.Id]);
        await RenderAsync();

        await Seed.SimpleAsync("new", "New", topics: [topic.Id]);
        // main does not show "new" yet, so it is not re-queued by it; any change of main's own is.
        await Seed.ChangeAsync((await MainIdAsync()), (article, publisher, _, now) => publisher.PublishDraftAsync(article, [], "seed", now, CancellationToken.None));
        await RenderAsync();

        var rendered = await RelatedSlugsAsync();
        await Seed.ChangeAsync((await MainIdAsync()), (article, publisher, _, now) => publisher.PublishDraftAsync(article, [], "seed", now, CancellationToken.None));
        Assert.Equal(await RelatedSlugsAsync(), rendered);
        Assert.Contains("new", rendered);
    }

    /// <summary>
    /// A page is not rebuilt when a newer article comes to share its topic; after RefreshAfter the worker re-queues it
    /// (oldest first), and the rebuilt page suggests the newer article as the live read does.
    /// </summary>
    [Fact]
    public async Task ExpiredRendition_IsRequeued_AndPicksUpNewerSuggestions()
    {
        var topic = await Seed.TopicAsync("t", ContentSeeder.Text("T"));
        var main = await Seed.SimpleAsync("main", "Main", topics: [topic.Id]);
        await Seed.SimpleAsync("old", "Old", topics: [topic.Id]);
        await RenderAsync();
        await Seed.SimpleAsync("new", "New", topics: [topic.Id]);
        await RenderAsync();
        Assert.DoesNotContain("new", await RelatedSlugsAsync());

        await using (var db = CreateDbContext())
        {
            await db.PrebuiltPages.Where(r => r.ArticleId == main)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.BuiltAt, DateTimeOffset.UtcNow.AddDays(-2)));
        }

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var renderer = scope.ServiceProvider.GetRequiredService<Commentary.Api.Delivery.PrebuiltPages.PageRenderer>();
            Assert.Equal(1, await renderer.EnqueueExpiredAsync(DateTimeOffset.UtcNow.AddDays(-1), limit: 10, CancellationToken.None));
        }

        await RenderAsync();
        Assert.Contains("new", await RelatedSlugsAsync());
    }

    /// <summary>
    /// The live page's Last-Modified is the newest change of the whole catalogue (a draft saved anywhere, a topic added),
    /// as links and suggestions may show any article; the rendition must send the same one, not the catalogue's age at
    /// build time (else Last-Modified moves backwards whenever the page goes from the live read back to its rendition).
    /// </summary>
    [Fact]
    public async Task Rendition_SendsTheLiveLastModified_AfterAnUnrelatedChange()
    {
        var main = await Seed.SimpleAsync("main", "Main");
        var other = await Seed.SimpleAsync("other", "Other");
        await RenderAsync();

        Seed.Tick();
        await Seed.EditDraftAsync(other, "en", new("Other, draft", "Summary", "Body"));
        await Seed.TopicAsync("later", ContentSeeder.Text("Later"));

        var rendered = await GetMainAsync();
        await using (var db = CreateDbContext())
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO rendition_queue (article_id, generation, cascade, enqueued_at) VALUES ({main}, 1, false, now())");
        }

        var live = await GetMainAsync();
        Assert.Equal(await live.Content.ReadAsStringAsync(), await rendered.Content.ReadAsStringAsync());
        Assert.Equal(live.Content.Headers.LastModified, rendered.Content.Headers.LastModified);
    }

    private async Task<HttpResponseMessage> GetMainAsync()
    {
        await Factory.Services.GetRequiredService<PublicCacheInvalidator>().EvictAllAsync();
        return await Anonymous.GetAsync("/api/articles/main");
    }

    private async Task<Guid> MainIdAsync()
    {
        await using var db = CreateDbContext();
        return await db.Articles.Where(a => a.Slug == "main").Select(a => a.Id).SingleAsync();
    }

    private async Task<string[]> RelatedSlugsAsync()
    {
        await Factory.Services.GetRequiredService<PublicCacheInvalidator>().EvictAllAsync();
        var body = await (await Anonymous.GetAsync("/api/articles/main")).Content.ReadAsStringAsync();
        return JsonDocument.Parse(body).RootElement.GetProperty("related").EnumerateArray().Select(r => r.GetProperty("slug").GetString()!).ToArray();
    }
}
