using System.Net;
using System.Text.Json;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Tests.Platform.Caching;

/// <summary>
/// Two instances on one database and one real Redis: the output cache is shared, an eviction on one instance reaches
/// the other at once and removes only what the change can alter, and when Redis hangs the API answers from the
/// database, says it is degraded, recovers by itself and serves nothing stored before an eviction Redis missed.
/// </summary>
public sealed class SharedCacheTests(ApiFixture fixture, TestRedis redis) : ApiTest(fixture), IClassFixture<TestRedis>
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await redis.FlushAsync();
    }

    [Fact]
    public async Task UnpublishOnOneInstance_IsGoneFromTheOtherAtOnce()
    {
        var id = await new ContentSeeder(Factory.Services).SimpleAsync("shared", "Shared story");
        await using var one = Instance();
        await using var two = Instance();
        var reader = two.CreateClient();
        await ReadTwiceAsync(reader, "/api/articles/shared");
        await ReadTwiceAsync(reader, "/api/articles");

        await new ContentSeeder(one.Services).UnpublishAsync(id);

        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/api/articles/shared")).StatusCode);
        Assert.DoesNotContain("Shared story", await reader.GetStringAsync("/api/articles"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishOnOneInstance_IsListedByTheOtherAtOnce()
    {
        await using var one = Instance();
        await using var two = Instance();
        var reader = two.CreateClient();
        await ReadTwiceAsync(reader, "/api/articles");

        await new ContentSeeder(one.Services).SimpleAsync("fresh", "Fresh story");

        Assert.Contains("Fresh story", await reader.GetStringAsync("/api/articles"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/articles/fresh")).StatusCode);
    }

    [Fact]
    public async Task AChangeEvictsThePagesShowingThatArticle_AndTheLists_NotEveryPage()
    {
        var seed = new ContentSeeder(Factory.Services);
        var changed = await seed.SimpleAsync("changed", "Before");
        // Newer articles fill every suggestion of the untouched page, so it does not show the changed one.
        for (var i = 0; i < 5; i++)
        {
            await seed.SimpleAsync($"filler-{i}", $"Filler {i}");
        }

        var untouched = await seed.SimpleAsync("untouched", "Untouched");
        await RenderAsync();
        await using (var db = CreateDbContext())
        {
            var shown = await db.Database.SqlQuery<Guid>($"SELECT unnest(depends_on) AS \"Value\" FROM article_renditions WHERE article_id = {untouched}").ToListAsync();
            Assert.Contains(untouched, shown);
            Assert.DoesNotContain(changed, shown);
        }

        await using var one = Instance();
        await using var two = Instance();
        var reader = two.CreateClient();
        await ReadTwiceAsync(reader, "/api/articles/changed");
        await ReadTwiceAsync(reader, "/api/articles/untouched");
        await ReadTwiceAsync(reader, "/api/articles");

        var writer = new ContentSeeder(one.Services);
        await writer.EditDraftAsync(changed, "en", new("After", null, "New body."));
        await writer.PublishAsync(changed);

        var page = await reader.GetAsync("/api/articles/changed");
        Assert.Null(page.Headers.Age);
        Assert.Contains("After", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("After", await reader.GetStringAsync("/api/articles"), StringComparison.Ordinal);
        // Still the copy cached before the change: nothing it shows changed.
        Assert.NotNull((await reader.GetAsync("/api/articles/untouched")).Headers.Age);
    }

    [Fact]
    public async Task ResponseReadOnOneInstanceBeforeAnUnpublishOnTheOther_IsNotStoredAfterItsEviction()
    {
        var id = await new ContentSeeder(Factory.Services).SimpleAsync("race", "Race");
        var gate = new GatedStore();
        await using var one = Instance();
        await using var two = Instance().WithWebHostBuilder(b => b.ConfigureTestServices(gate.Install));
        var reader = two.CreateClient();

        var stale = reader.GetAsync("/api/articles/race");
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await new ContentSeeder(one.Services).UnpublishAsync(id);
        gate.Open.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await stale).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/api/articles/race")).StatusCode);
    }

    [Fact]
    public async Task RedisHanging_NoErrors_ReadinessDegraded_RecoveryByItself_AndNothingStaleAfterwards()
    {
        var id = await new ContentSeeder(Factory.Services).SimpleAsync("held", "Held story");
        await using var one = Instance();
        await using var two = Instance();
        var reader = two.CreateClient();
        await ReadTwiceAsync(reader, "/api/articles/held");

        redis.Freeze();
        try
        {
            // The eviction this unpublish sends cannot reach Redis, which keeps the cached copy.
            await new ContentSeeder(one.Services).UnpublishAsync(id);
            for (var i = 0; i < 8; i++)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/api/articles/held")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/articles")).StatusCode);
            }

            var ready = await reader.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Degraded", await StatusAsync(ready));
        }
        finally
        {
            redis.Thaw();
        }

        await WaitUntilHealthyAsync(reader);
        await WaitUntilHealthyAsync(one.CreateClient());
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/api/articles/held")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await one.CreateClient().GetAsync("/api/articles/held")).StatusCode);
        // And the cache works again.
        await ReadTwiceAsync(reader, "/api/articles");
    }

    [Fact]
    public async Task RedisDownAtStart_TheApiAnswersFromTheDatabase()
    {
        await new ContentSeeder(Factory.Services).SimpleAsync("alone", "Alone");
        await using var app = Factory.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Redis", $"127.0.0.1:{ApiProcess.FreeLoopbackPort()}"));
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/articles/alone")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/articles/alone")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await StatusAsync(ready));
    }

    private WebApplicationFactory<Program> Instance() => Factory.WithWebHostBuilder(b =>
    {
        b.UseSetting("ConnectionStrings:Redis", redis.ConnectionString);
        b.UseSetting("Commentary:Redis:BreakSeconds", "1");
    });

    /// <summary>Reads <paramref name="url"/> until the shared cache answers it (an <c>Age</c> header), so the test starts from a cached copy.</summary>
    private static async Task ReadTwiceAsync(HttpClient client, string url)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        var cached = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.NotNull(cached.Headers.Age);
    }

    private static async Task WaitUntilHealthyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpResponseMessage ready;
        while (await StatusAsync(ready = await client.GetAsync("/health/ready")) != "Healthy")
        {
            Assert.True(DateTime.UtcNow < deadline, "readiness did not recover within 20 s of Redis answering again: " + await ready.Content.ReadAsStringAsync());
            await Task.Delay(200);
        }
    }

    private static async Task<string?> StatusAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString();
}
