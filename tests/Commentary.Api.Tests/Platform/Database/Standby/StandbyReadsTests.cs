using System.Net;
using System.Text.Json;
using Commentary.Api.Platform.Database.Standby;
using Commentary.Api.Tests.Infrastructure;
using Npgsql;
using NpgsqlTypes;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Platform.Database.Standby;

/// <summary>
/// Two instances on a primary with a streaming standby: the writer publishes through the management API, the reader
/// serves public reads from the standby only when it has replayed what was answered before the request began.
/// (The test clusters commit with synchronous_commit = off, so the standby trails each commit by up to the WAL
/// writer's 200 ms: a read that trusted it blindly would see the past.)
/// </summary>
public sealed class StandbyReadsTests(StandbyFixture fixture) : IClassFixture<StandbyFixture>
{
    private readonly HttpClient _writer = fixture.Writer;
    private readonly HttpClient _reader = fixture.Reader.CreateClient();

    [Fact]
    public async Task PublishOnOneInstance_VisibleAtOnceOnTheOther_AndCaughtUpReadsAreServedByTheStandby()
    {
        var (_, slug) = await PublishAsync("Standby drills");
        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync($"/api/articles/{slug}")).StatusCode);

        // Once the standby has caught up, the same read is its: the reader's primary is not asked for the page.
        var servedByStandby = false;
        for (var attempt = 0; attempt < 20 && !servedByStandby; attempt++)
        {
            // Spread over more than the retry pause, in case an earlier test left the standby resting.
            await Task.Delay(100);
            await fixture.WaitForReplayAsync();
            var before = fixture.ReaderStandby.Reads;
            var response = await _reader.GetAsync($"/api/articles/{slug}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Standby drills", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            servedByStandby = fixture.ReaderStandby.Reads.Standby == before.Standby + 1;
        }

        Assert.True(servedByStandby, $"no read of a caught-up standby was served by it: {fixture.ReaderStandby.Reads}");

        // Management reads on the same instance never go there (nor are they counted as public reads).
        var counted = fixture.ReaderStandby.Reads;
        var manage = fixture.Reader.CreateClient();
        manage.DefaultRequestHeaders.Authorization = new("Bearer", OwnClusterApp.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await manage.GetAsync(ArticlesUrl)).StatusCode);
        Assert.Equal(counted, fixture.ReaderStandby.Reads);
    }

    [Fact]
    public async Task ReplayPaused_PublishAndUnpublishAreSeenAtOnce_FromThePrimary()
    {
        var (id, slug) = await CreateAsync("Paused replay");
        await fixture.WhileReplayIsPausedAsync(async () =>
        {
            var before = fixture.ReaderStandby.Reads;
            Assert.Equal(HttpStatusCode.OK, (await _writer.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish")).Status);
            Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync($"/api/articles/{slug}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await _writer.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/unpublish")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync($"/api/articles/{slug}")).StatusCode);
            var after = fixture.ReaderStandby.Reads;
            Assert.Equal(before.Standby, after.Standby);
            Assert.Equal(before.Primary + 2, after.Primary);
        });
    }

    [Fact]
    public async Task UnpublishOnOneInstance_GoneAtOnceOnTheOther()
    {
        var (id, slug) = await PublishAsync("Soon withdrawn");
        await fixture.WaitForReplayAsync();
        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync($"/api/articles/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _writer.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/unpublish")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync($"/api/articles/{slug}")).StatusCode);
        Assert.DoesNotContain("Soon withdrawn", await _reader.GetStringAsync("/api/articles"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LagPastTheBound_ReadinessDegraded_ReadsFromThePrimary()
    {
        var (_, slug) = await PublishAsync("Lagging standby");
        await fixture.WhileReplayIsPausedAsync(async () =>
        {
            // Something for the standby to receive but not replay; then the bound passes.
            await CreateAsync("Written while replay is paused");
            await Task.Delay(StandbyFixture.MaxLagMilliseconds + 500);

            var standby = await StandbyEntryAsync();
            Assert.Equal("Degraded", standby.GetProperty("status").GetString());
            Assert.Contains("lags", standby.GetProperty("description").GetString(), StringComparison.Ordinal);

            var before = fixture.ReaderStandby.Reads;
            Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync($"/api/articles/{slug}")).StatusCode);
            Assert.Equal(before.Primary + 1, fixture.ReaderStandby.Reads.Primary);
        });
    }

    [Fact]
    public async Task StandbyStopped_ReadsStillAnsweredFromThePrimary_ReadinessDegraded_ThenRecovers()
    {
        var (_, slug) = await PublishAsync("Standby outage");
        await fixture.App.StopStandbyAsync();
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < 5; i++)
            {
                var response = await _reader.GetAsync($"/api/articles/{slug}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync("/api/search?q=outage")).StatusCode);
            }

            Assert.True(started.Elapsed < TimeSpan.FromSeconds(3), $"ten reads took {started.Elapsed} with the standby down");
            var ready = await _reader.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("Degraded", body.GetProperty("status").GetString());
            Assert.Equal("Degraded", (await StandbyEntryAsync()).GetProperty("status").GetString());
        }
        finally
        {
            await fixture.App.StartStandbyAsync();
        }

        // Back by itself once the standby is: after the retry pause, a caught-up read is the standby's again.
        var recovered = false;
        for (var attempt = 0; attempt < 40 && !recovered; attempt++)
        {
            await Task.Delay(250);
            await fixture.WaitForReplayAsync();
            var before = fixture.ReaderStandby.Reads.Standby;
            Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync($"/api/articles/{slug}")).StatusCode);
            recovered = fixture.ReaderStandby.Reads.Standby > before;
        }

        Assert.True(recovered, "reads did not return to the standby within 10 s of its restart");
        Assert.Equal("Healthy", (await StandbyEntryAsync()).GetProperty("status").GetString());
    }

    /// <summary>The coalesced lookup of the primary's WAL position, on the real primary.</summary>
    [Fact]
    public async Task WalPosition_ABurstSharesALookup_AndEveryAnswerCoversWhatWasWrittenBeforeTheAsk()
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.App.ConnectionString);
        var position = new PrimaryWalPosition(dataSource);

        var burst = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => position.ReadAsync(CancellationToken.None)));
        // The first caller's lookup, then at most one more for everyone who asked while it was on its way.
        Assert.InRange(position.Lookups, 1, 2);
        Assert.All(burst, lsn => Assert.True(lsn > new NpgsqlLogSequenceNumber(0)));

        for (var round = 0; round < 20; round++)
        {
            await using var write = dataSource.CreateCommand("CREATE TEMP TABLE IF NOT EXISTS t (x int); INSERT INTO t VALUES (1); SELECT pg_current_wal_insert_lsn()");
            var written = (NpgsqlLogSequenceNumber)(await write.ExecuteScalarAsync())!;
            // Others keep asking meanwhile, so there is always a lookup in flight that began before this write.
            var noise = Task.WhenAll(Enumerable.Range(0, 5).Select(_ => position.ReadAsync(CancellationToken.None)));
            Assert.True(await position.ReadAsync(CancellationToken.None) >= written, $"round {round}: a lookup older than the write answered");
            await noise;
        }
    }

    private async Task<JsonElement> StandbyEntryAsync()
    {
        var body = JsonDocument.Parse(await _reader.GetStringAsync("/health/ready")).RootElement;
        return body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "standby");
    }

    private async Task<(string Id, string Slug)> CreateAsync(string title)
    {
        var slug = $"{title.ToLowerInvariant().Replace(' ', '-')}-{Guid.NewGuid():N}"[..40];
        var (id, _) = await _writer.CreateArticleAsync(title, slug);
        return (id, slug);
    }

    private async Task<(string Id, string Slug)> PublishAsync(string title)
    {
        var (id, slug) = await CreateAsync(title);
        Assert.Equal(HttpStatusCode.OK, (await _writer.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish")).Status);
        return (id, slug);
    }
}
