using System.Text.Json;
using Commentary.Api.Delivery.PrebuiltPages;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commentary.Api.Tests.Delivery.PrebuiltPages;

/// <summary>
/// Schedules of two API instances' workers and a writer, forced with row and table locks, that must never leave a
/// stale rendition servable.
/// </summary>
public sealed class PrebuiltPageRaceTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => _seed ??= new ContentSeeder(Factory.Services);
    private ContentSeeder? _seed;

    /// <summary>
    /// Instance 2 checks its build of "main" while a writer's retitle of the linked "target" is still in flight, then
    /// stalls before committing; meanwhile the writer commits and instance 1 renders "target", looks for renditions that
    /// show it (main's is not committed yet, so it finds none) and dequeues it. Instance 2's commit must not leave main's
    /// old title of target servable, whether or not main (still queued until instance 2 commits) is in instance 1's batch.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StoreCommittingAfterAnotherInstanceCascadedALinkedChange_DoesNotLeaveAStaleRenditionServable(bool mainInFirstBatch)
    {
        var target = await Seed.ArticleAsync("target", "en", new Dictionary<string, TranslationContent> { ["en"] = new("Target", "Summary", "Body") });
        var main = await Seed.ArticleAsync("main", "en", new Dictionary<string, TranslationContent> { ["en"] = new("Main", "Summary", "Body") },
            related: [(target, null, null)]);
        await SqlAsync($"DELETE FROM rendition_queue WHERE article_id <> '{main}'");

        await using var second = Factory.Services.CreateAsyncScope();
        var secondRenderer = second.ServiceProvider.GetRequiredService<PageRenderer>();
        var stale = await secondRenderer.ReadBatchAsync(10, CancellationToken.None);
        Assert.Equal(main, Assert.Single(stale!.Entries).ArticleId);
        await SqlAsync($"UPDATE rendition_queue SET enqueued_at = now() + interval '1 hour' WHERE article_id = '{main}'");

        var connectionString = CreateDbContext().Database.GetConnectionString();
        await using var writer = new NpgsqlConnection(connectionString);
        await writer.OpenAsync();
        await using var writerTransaction = await writer.BeginTransactionAsync();
        await ExecuteAsync(writer, $"""
            UPDATE translations SET published_title = 'Target, retitled' WHERE article_id = '{target}';
            INSERT INTO content_changes (article_id, language, changed_at) VALUES ('{target}', 'en', now());
            """);

        // Holds every write to article_renditions, so both instances' stores stall after their checks.
        await using var blocker = new NpgsqlConnection(connectionString);
        await blocker.OpenAsync();
        await using var blockerTransaction = await blocker.BeginTransactionAsync();
        await ExecuteAsync(blocker, "LOCK TABLE article_renditions IN SHARE MODE");

        var secondStore = secondRenderer.StoreBatchAsync(stale, CancellationToken.None);
        await WaitForLockWaitersAsync(blocker, 1);
        await writerTransaction.CommitAsync();

        await using var first = Factory.Services.CreateAsyncScope();
        var firstRender = first.ServiceProvider.GetRequiredService<PageRenderer>().RenderNextBatchAsync(mainInFirstBatch ? 10 : 1, CancellationToken.None);
        await WaitForLockWaitersAsync(blocker, 2);
        await blockerTransaction.CommitAsync();
        await Task.WhenAll(secondStore, firstRender);

        var titles = await RelatedTitlesAsync("/api/articles/main");
        Assert.Equal(["Target, retitled"], titles);
    }

    private async Task<string[]> RelatedTitlesAsync(string url)
    {
        await Factory.Services.GetRequiredService<PublicCacheInvalidator>().EvictAllAsync();
        var body = await (await Anonymous.GetAsync(url)).Content.ReadAsStringAsync();
        return JsonDocument.Parse(body).RootElement.GetProperty("related").EnumerateArray().Select(r => r.GetProperty("title").GetString()!).ToArray();
    }

    private static async Task WaitForLockWaitersAsync(NpgsqlConnection connection, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
            if ((long)(await command.ExecuteScalarAsync())! >= count)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Fewer than {count} sessions ever waited for a lock.");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task SqlAsync(string sql)
    {
        await using var db = CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
