using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Commentary.Api.Content;
using Commentary.Api.Partners.Webhooks;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Tests.Infrastructure;
using Commentary.Api.Tests.Robustness.BadInput;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Commentary.Api.Tests.Editorial.Preview.GetPreviewTests;
using static Commentary.Api.Tests.Editorial.Preview.PreviewTestClient;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Preview;

/// <summary>A preview publishes for real and rolls back: nothing of it may survive, in any table, on any public path or in the output cache.</summary>
public sealed partial class PreviewLeavesNoTraceTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const string DraftTitle = "Zanzibar draft headline";

    private static readonly string[] PublicUrls =
    [
        "/api/articles", "/api/articles/live", "/api/articles/live?lang=zh-Hans", "/api/articles/draft-only", "/api/search?q=zanzibar",
        "/api/search?q=live", "/feeds/en/rss.xml", "/feeds/en/atom.xml", "/feeds/en/feed.json", "/feeds/zh-Hans/feed.json", "/sitemap.xml",
    ];

    [Fact]
    public async Task Previews_LeaveEveryTable_AndEveryPublicPath_AsTheyWere()
    {
        var hook = await Admin.PostAsJsonAsync("/api/manage/webhooks", new { url = "https://example.org/hook", events = new[] { "published", "updated", "unpublished", "deleted" } });
        Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        var (live, etag) = await CreateAsync(Admin, "live", "Live headline");
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{live}/translations/zh-Hans", new { title = "现行标题", body = "正文" }, etag);
        Assert.Equal(HttpStatusCode.OK, await Admin.PublishAsync(live, etag));
        etag = await Admin.ETagOfAsync(live);
        Assert.Equal(HttpStatusCode.OK, (await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{live}/translations/en", new { title = DraftTitle, body = "Zanzibar" }, etag)).Status);
        var (draftOnly, _) = await CreateAsync(Admin, "draft-only", DraftTitle + " too");
        var partner = await ClientForRoleAsync("partner");
        var before = await ReadPublicAsync(partner);
        var database = await DatabaseSnapshot.TakeAsync(Fixture.Database.ConnectionString);
        await using (var db = CreateDbContext())
        {
            Assert.True(await db.ContentChanges.AnyAsync() && await db.WebhookDeliveries.AnyAsync(), "the publish above should have left rows to compare");
        }

        foreach (var url in new[] { PreviewUrl(live, "en"), PreviewUrl(live, "zh-Hans"), PreviewUrl(draftOnly) })
        {
            var preview = await Admin.GetRawAsync(url);
            Assert.Equal(HttpStatusCode.OK, preview.Status);
        }

        Assert.Contains(DraftTitle, (await Admin.GetRawAsync(PreviewUrl(live, "en"))).Text, StringComparison.Ordinal);
        // A publish whose If-Match matches neither the version nor the preview renders a preview to compare, then refuses.
        Assert.Equal(HttpStatusCode.PreconditionFailed, await Admin.PublishAsync(draftOnly, "\"not-the-preview\"", "en"));

        Assert.Equal(database, await DatabaseSnapshot.TakeAsync(Fixture.Database.ConnectionString));
        var after = await ReadPublicAsync(partner);
        Assert.Equal(before, after);
        Assert.All(after, body => Assert.DoesNotContain(DraftTitle, body.Value, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Preview_NeitherEvictsNorFillsTheOutputCache()
    {
        var seed = new ContentSeeder(Factory.Services);
        var id = await seed.SimpleAsync("cached", "Published headline");
        await seed.EditDraftAsync(id, "en", ContentSeeder.Content(DraftTitle, "en"));
        Assert.Contains("Published headline", await Anonymous.GetStringAsync("/api/articles/cached"), StringComparison.Ordinal);
        await using (var db = CreateDbContext())
        {
            // Past the app's DbContext, so past the invalidator: only an eviction would let a reader see it.
            await db.Translations.ExecuteUpdateAsync(s => s.SetProperty(t => t.PublishedTitle, "Changed behind the cache"));
        }

        Assert.Contains(DraftTitle, (await Admin.GetRawAsync(PreviewUrl(id.ToString()))).Text, StringComparison.Ordinal);

        var cached = await Anonymous.GetStringAsync("/api/articles/cached");
        Assert.Contains("Published headline", cached, StringComparison.Ordinal);
        Assert.DoesNotContain(DraftTitle, cached, StringComparison.Ordinal);
        await Factory.Services.GetRequiredService<PublicCacheInvalidator>().EvictAllAsync();
        Assert.Contains("Changed behind the cache", await Anonymous.GetStringAsync("/api/articles/cached"), StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, string>> ReadPublicAsync(HttpClient partner)
    {
        // Read past the output cache, so that the database itself answers.
        await Factory.Services.GetRequiredService<PublicCacheInvalidator>().EvictAllAsync();
        var bodies = new Dictionary<string, string>();
        foreach (var url in PublicUrls)
        {
            var response = await Anonymous.GetAsync(url);
            // A problem's traceId differs on every request.
            bodies[url] = $"{(int)response.StatusCode} {TraceId().Replace(await response.Content.ReadAsStringAsync(), "")}";
        }

        // Only the changes: the first page's cursor is the fence of the moment, which every transaction anywhere moves on.
        var sync = JsonDocument.Parse(await partner.GetStringAsync("/api/partner/changes?limit=1000")).RootElement;
        bodies["sync"] = sync.GetProperty("changes").GetRawText() + sync.GetProperty("hasMore").GetRawText();
        return bodies;
    }

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();
}
