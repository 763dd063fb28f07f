using System.Text.Json;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Partners.Sync;

/// <summary>A partner's upsert carries the article page readers get, byte for byte, whether a rendition is stored or not.</summary>
public sealed class SyncPayloadTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnUpsert_IsTheArticlePageItself(bool rendered)
    {
        var seed = ContentSeeder.OnWallClock(Factory.Services);
        var topic = await seed.TopicAsync("shared", ContentSeeder.Text("Shared"));
        await seed.SimpleAsync("neighbour", "Neighbour", topics: [topic.Id]);
        await seed.SimpleAsync("synced", "Synced", topics: [topic.Id]);
        if (rendered)
        {
            await RenderAsync();
        }

        var partner = await ClientForRoleAsync(Roles.Partner);
        using var page = JsonDocument.Parse(await partner.GetStringAsync("/api/partner/changes?limit=1000"));
        var upsert = page.RootElement.GetProperty("changes").EnumerateArray()
            .Single(c => c.GetProperty("slug").GetString() == "synced" && c.GetProperty("language").GetString() == "en");

        Assert.Equal("upsert", upsert.GetProperty("type").GetString());
        Assert.Equal(await Anonymous.GetStringAsync("/api/articles/synced?lang=en"), upsert.GetProperty("article").GetRawText());
        Assert.Contains(upsert.GetProperty("article").GetProperty("related").EnumerateArray(), r => r.GetProperty("slug").GetString() == "neighbour");
    }

    /// <summary>Readers of 繁體 get 简体 converted once the 繁體 translation is gone; a partner gets a delete.</summary>
    [Fact]
    public async Task ALanguageServedOnlyConverted_IsADeleteForPartners()
    {
        var seed = ContentSeeder.OnWallClock(Factory.Services);
        var id = await seed.ArticleAsync("both-scripts", "zh-Hans", new Dictionary<string, string> { ["zh-Hans"] = "国家", ["zh-Hant"] = "國家" });
        var feed = new PartnerFeed(await ClientForRoleAsync(Roles.Partner));
        await feed.DrainAsync();

        var etag = (await Admin.GetAsync($"/api/manage/articles/{id}")).Headers.ETag!.Tag;
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/manage/articles/{id}/translations/zh-Hant");
        delete.Headers.IfMatch.ParseAdd(etag);
        Assert.True((await Admin.SendAsync(delete)).IsSuccessStatusCode);
        await RenderAsync();

        var change = Assert.Single(await feed.DrainAsync(), c => c.Language == "zh-Hant");
        Assert.Equal("delete", change.Type);
    }
}
