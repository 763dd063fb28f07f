using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commentary.Api.Content;
using Commentary.Api.Partners.Sync;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commentary.Api.Tests.Partners.Sync;

/// <summary>Retention: pruning the change log, and what a partner whose cursor fell behind it is told.</summary>
public sealed class PruneChangeLogTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => ContentSeeder.OnWallClock(Factory.Services);

    private async Task<PartnerFeed> PartnerAsync() => new(await ClientForRoleAsync(Roles.Partner));

    private async Task<int> PruneAsync(DateTimeOffset cutoff)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChangeLogRetention>().PruneAsync(cutoff, CancellationToken.None);
    }

    [Fact]
    public async Task CursorBeforeTheHorizon_Returns410_CursorAtOrAfterItContinues()
    {
        var a = await Seed.ArticleAsync("a", "en", new Dictionary<string, string> { ["en"] = "A" });
        var behind = await PartnerAsync();
        await behind.DrainAsync();
        await Seed.ArticleAsync("b", "en", new Dictionary<string, string> { ["en"] = "B" });
        var upToDate = await PartnerAsync();
        await upToDate.DrainAsync();

        Assert.Equal(0, await PruneAsync(DateTimeOffset.UtcNow.AddDays(-30)));
        Assert.Equal(2, await PruneAsync(DateTimeOffset.UtcNow.AddMinutes(1)));

        var client = await ClientForRoleAsync(Roles.Partner);
        var response = await client.GetAsync($"/api/partner/changes?cursor={Uri.EscapeDataString(behind.Cursor!)}");
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cursor_expired", problem.GetProperty("errorCode").GetString());
        Assert.Contains("without a cursor", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The partner that had read up to the newest pruned change has missed nothing and goes on.
        Assert.Empty(await upToDate.DrainAsync());
        await Seed.UnpublishAsync(a);
        var unpublished = Assert.Single(await upToDate.DrainAsync());
        Assert.Equal(("delete", a.ToString()), (unpublished.Type, unpublished.ArticleId));

        // A full resync from an empty cursor works after pruning and carries on with later changes.
        var restarted = await PartnerAsync();
        Assert.Equal("B", Assert.Single(await restarted.DrainAsync()).Article!.Title);
        await Seed.PublishAsync(a, "en");
        Assert.Equal("A", Assert.Single(await restarted.DrainAsync()).Article!.Title);
    }

    [Fact]
    public async Task OpenTransaction_IsNeverPruned_AndArrivesAfterCommit()
    {
        var a = await Seed.ArticleAsync("a", "en", new Dictionary<string, string> { ["en"] = "A" });
        var partner = await PartnerAsync();
        await partner.DrainAsync();

        await using var connection = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var open = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO content_changes (article_id, language, changed_at) VALUES (@id, 'en', now() - interval '90 days')", connection))
        {
            insert.Parameters.AddWithValue("id", a);
            await insert.ExecuteNonQueryAsync();
        }

        Assert.Equal(1, await PruneAsync(DateTimeOffset.UtcNow.AddMinutes(1)));
        await open.CommitAsync();

        await using var db = CreateDbContext();
        Assert.Equal(1, await db.ContentChanges.CountAsync());
        var change = Assert.Single(await partner.DrainAsync());
        Assert.Equal(("upsert", "A"), (change.Type, change.Article!.Title));
        Assert.Empty(await partner.DrainAsync());
    }

    [Fact]
    public async Task BackgroundJob_PrunesChangesOlderThanTheRetention()
    {
        await Seed.ArticleAsync("old", "en", new Dictionary<string, string> { ["en"] = "Old" }, at: DateTimeOffset.UtcNow.AddHours(-2));
        await Seed.ArticleAsync("new", "en", new Dictionary<string, string> { ["en"] = "New" });

        await using var app = Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Commentary:PartnerSync:Retention", "01:00:00");
            b.UseSetting("Commentary:PartnerSync:PruneInterval", "00:00:00.100");
        });
        _ = app.Server;

        await using var db = CreateDbContext();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await db.ContentChanges.CountAsync() > 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the old change was not pruned");
            await Task.Delay(100);
        }

        Assert.Single(await db.Set<ChangeLogHorizon>().ToListAsync());
        Assert.True((await db.ContentChanges.SingleAsync()).ChangedAt > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task OpenApi_DocumentsTheLagHeaderAnd410()
    {
        var document = JsonDocument.Parse(await Anonymous.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var responses = document.GetProperty("paths").GetProperty("/api/partner/changes").GetProperty("get").GetProperty("responses");
        Assert.True(responses.GetProperty("200").GetProperty("headers").TryGetProperty(GetChanges.LagHeader, out _));
        Assert.True(responses.TryGetProperty("410", out _));
    }

    [Fact]
    public async Task CatalogueCursorOlderThanTheHorizon_Returns410()
    {
        for (var i = 0; i < 3; i++)
        {
            await Seed.ArticleAsync($"a{i}", "en", new Dictionary<string, string> { ["en"] = $"A{i}" });
        }

        var exporting = await PartnerAsync();
        Assert.True((await exporting.NextAsync(limit: 1)).HasMore);
        await Seed.ArticleAsync("late", "en", new Dictionary<string, string> { ["en"] = "Late" });
        await PruneAsync(DateTimeOffset.UtcNow.AddMinutes(1));

        var response = await (await ClientForRoleAsync(Roles.Partner)).GetAsync($"/api/partner/changes?cursor={Uri.EscapeDataString(exporting.Cursor!)}");
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }
}
