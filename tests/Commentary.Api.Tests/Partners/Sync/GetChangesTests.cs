using System.Net;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Tests.Infrastructure;
using Npgsql;

namespace Commentary.Api.Tests.Partners.Sync;

public sealed class GetChangesTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => ContentSeeder.OnWallClock(Factory.Services);

    private async Task<PartnerFeed> PartnerAsync() => new(await ClientForRoleAsync(Roles.Partner));

    [Fact]
    public async Task NoCursor_ReturnsThePublishedCatalogueOnly()
    {
        var a = await Seed.ArticleAsync("a", "en", new Dictionary<string, string> { ["en"] = "A en", ["zh-Hans"] = "A 简", ["zh-Hant"] = "A 繁 draft" }, publish: ["en", "zh-Hans"]);
        await Seed.ArticleAsync("draft", "en", new Dictionary<string, string> { ["en"] = "Draft" }, publish: []);
        var deleted = await Seed.ArticleAsync("gone", "en", new Dictionary<string, string> { ["en"] = "Gone" });
        await Seed.DeleteAsync(deleted);
        await Seed.EditDraftAsync(a, "en", ContentSeeder.Content("A en newer draft", "en"));

        var changes = await (await PartnerAsync()).DrainAsync(limit: 1);

        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.Equal("upsert", c.Type));
        var en = changes.Single(c => c.Language == "en");
        Assert.Equal("A en", en.Article!.Title);
        Assert.Equal("en", en.Article.Language);
        Assert.False(en.Article.IsFallback);
        Assert.Equal("a", en.Slug);
        Assert.Equal(a.ToString(), en.ArticleId);
        var hans = changes.Single(c => c.Language == "zh-Hans");
        Assert.Equal("A 简", hans.Article!.Title);
        // The article as readers see it: zh-Hant is offered as a conversion, but sync carries the published languages only.
        Assert.Equal(["en", "zh-Hans"], hans.Article.Alternates.Where(x => !x.Converted).Select(x => x.Language));
        Assert.DoesNotContain(changes, c => c.Language == "zh-Hant");
    }

    [Fact]
    public async Task UnpublishDeleteAndRepublish_AreDeletesAndUpserts()
    {
        var a = await Seed.ArticleAsync("a", "en", new Dictionary<string, string> { ["en"] = "A en", ["zh-Hant"] = "A 繁" });
        var partner = await PartnerAsync();
        Assert.Equal(2, (await partner.DrainAsync()).Count);

        await Seed.UnpublishAsync(a);
        var unpublished = await partner.DrainAsync();
        Assert.Equal(["en", "zh-Hant"], unpublished.Select(c => c.Language).Order(StringComparer.Ordinal));
        Assert.All(unpublished, c => Assert.Equal(("delete", (object?)null, "a"), (c.Type, (object?)c.Article, c.Slug)));

        await Seed.PublishAsync(a, "zh-Hant");
        var republished = Assert.Single(await partner.DrainAsync());
        Assert.Equal(("upsert", "zh-Hant", "A 繁"), (republished.Type, republished.Language, republished.Article!.Title));

        await Seed.DeleteAsync(a);
        var deleted = Assert.Single(await partner.DrainAsync());
        Assert.Equal(("delete", "zh-Hant"), (deleted.Type, deleted.Language));
        Assert.Empty(await partner.DrainAsync());
    }

    [Fact]
    public async Task DraftOnlyEdit_ChangesNothingVisible()
    {
        var a = await Seed.ArticleAsync("a", "en", new Dictionary<string, string> { ["en"] = "Published title" });
        var partner = await PartnerAsync();
        await partner.DrainAsync();

        await Seed.EditDraftAsync(a, "en", ContentSeeder.Content("Secret draft title", "en"));
        await Seed.EditDraftAsync(a, "zh-Hans", ContentSeeder.Content("秘密草稿", "zh-Hans"));

        Assert.Empty(await partner.DrainAsync());
        var fresh = await (await PartnerAsync()).DrainAsync();
        Assert.Equal("Published title", Assert.Single(fresh).Article!.Title);
    }

    [Fact]
    public async Task SameCursorTwice_ReturnsTheIdenticalPage()
    {
        for (var i = 0; i < 3; i++)
        {
            await Seed.ArticleAsync($"a{i}", "en", new Dictionary<string, string> { ["en"] = $"A{i}", ["zh-Hans"] = $"甲{i}" });
        }

        var client = await ClientForRoleAsync(Roles.Partner);
        var first = new PartnerFeed(client);
        await first.NextAsync(limit: 2);
        var url = $"/api/partner/changes?limit=3&cursor={Uri.EscapeDataString(first.Cursor!)}";
        Assert.Equal(await client.GetStringAsync(url), await client.GetStringAsync(url));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=abc")]
    [InlineData("cursor=garbage")]
    [InlineData("cursor=bA.AAAAAAAAAAAAAAAA")]
    public async Task BadParameters_Return400(string query)
    {
        var response = await (await ClientForRoleAsync(Roles.Partner)).GetAsync($"/api/partner/changes?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task TamperedCursor_Returns400()
    {
        var partner = await PartnerAsync();
        await partner.NextAsync();
        var cursor = partner.Cursor!;
        var tampered = (cursor[0] == 'A' ? "B" : "A") + cursor[1..];
        var response = await (await ClientForRoleAsync(Roles.Partner)).GetAsync($"/api/partner/changes?cursor={Uri.EscapeDataString(tampered)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Roles_OnlyPartnerAndAdmin()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous.GetAsync("/api/partner/changes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await ClientForRoleAsync(Roles.Editor)).GetAsync("/api/partner/changes")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync("/api/partner/changes")).StatusCode);
    }

    [Fact]
    public async Task ConcurrentTransactions_CommittingOutOfOrder_AreEachDeliveredOnce()
    {
        var a = await Seed.ArticleAsync("a", "en", new Dictionary<string, string> { ["en"] = "A" });
        var b = await Seed.ArticleAsync("b", "en", new Dictionary<string, string> { ["en"] = "B" });
        var partner = await PartnerAsync();
        await partner.DrainAsync();

        await using var first = await OpenAsync();
        await using var t1 = await first.BeginTransactionAsync();
        await InsertChangeAsync(first, a);
        await using (var second = await OpenAsync())
        {
            await using var t2 = await second.BeginTransactionAsync();
            await InsertChangeAsync(second, b);
            await t2.CommitAsync();
        }

        // T2 committed with a higher sequence while T1 is open: delivering it now would move the cursor past T1's row.
        Assert.Empty(await partner.DrainAsync());

        await t1.CommitAsync();
        var changes = await partner.DrainAsync();
        Assert.Equal(new[] { a, b }.Select(id => id.ToString()).Order(StringComparer.Ordinal), changes.Select(c => c.ArticleId).Order(StringComparer.Ordinal));
        Assert.All(changes, c => Assert.Equal("upsert", c.Type));
        Assert.Empty(await partner.DrainAsync());
    }

    [Fact]
    public async Task HeldOpenWriteTransaction_StallsTheCursorAndShowsLag_ThenArrivesOnce()
    {
        var a = await Seed.ArticleAsync("a", "en", new Dictionary<string, string> { ["en"] = "A" });
        var b = await Seed.ArticleAsync("b", "en", new Dictionary<string, string> { ["en"] = "B" });
        var partner = await PartnerAsync();
        await partner.DrainAsync();
        Assert.NotNull(partner.Lag);

        await using var held = await OpenAsync();
        await using var open = await held.BeginTransactionAsync();
        await InsertChangeAsync(held, a);
        await Seed.UnpublishAsync(b);
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var stalled = await partner.DrainAsync();
        var stalledCursor = partner.Cursor;
        Assert.Empty(stalled);
        Assert.True(partner.Lag >= 1, $"lag {partner.Lag}");
        Assert.Empty(await partner.DrainAsync());
        Assert.Equal(stalledCursor, partner.Cursor);

        await open.CommitAsync();
        var changes = await partner.DrainAsync();
        Assert.Equal(2, changes.Count);
        Assert.Contains(("upsert", a.ToString()), changes.Select(c => (c.Type, c.ArticleId)));
        Assert.Contains(("delete", b.ToString()), changes.Select(c => (c.Type, c.ArticleId)));
        Assert.Empty(await partner.DrainAsync());
    }

    [Fact]
    public async Task RolledBackTransaction_DeliversNothingAndDoesNotStall()
    {
        var a = await Seed.ArticleAsync("a", "en", new Dictionary<string, string> { ["en"] = "A" });
        var partner = await PartnerAsync();
        await partner.DrainAsync();

        await using (var connection = await OpenAsync())
        {
            await using var rolledBack = await connection.BeginTransactionAsync();
            await InsertChangeAsync(connection, a);
            await rolledBack.RollbackAsync();
        }

        Assert.Empty(await partner.DrainAsync());
        await Seed.PublishAsync(a, "en");
        Assert.Equal("A", Assert.Single(await partner.DrainAsync()).Article!.Title);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task InsertChangeAsync(NpgsqlConnection connection, Guid articleId)
    {
        await using var command = new NpgsqlCommand("INSERT INTO content_changes (article_id, language, changed_at) VALUES (@id, 'en', now())", connection);
        command.Parameters.AddWithValue("id", articleId);
        await command.ExecuteNonQueryAsync();
    }
}
