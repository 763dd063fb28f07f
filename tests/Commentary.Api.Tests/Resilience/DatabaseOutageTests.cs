using System.Net;
using Commentary.Api.Data.LocalPostgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Commentary.Api.Tests.Resilience;

/// <summary>
/// The database goes away under the API and comes back (RELIABILITY.md G1/G6): while it is down every answer is a
/// 503 problem with Retry-After (never a 500), readiness is 503 and liveness 200; afterwards the API recovers by itself.
/// Runs on a cluster of its own, since it stops the server.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private const string SampleUrl = "/api/articles/sino-russian-defense-cooperation-reaches-new-heights";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"commentary-outage-{Guid.NewGuid():N}", "postgres");
    private LocalPostgresCluster _cluster = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _cluster = await LocalPostgresCluster.StartAsync(_directory, durable: false);
        await _cluster.EnsureDatabaseAsync("outage");
        var connectionString = _cluster.ConnectionString("outage") + ";Timeout=3;Command Timeout=5";
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Commentary", connectionString);
            builder.UseSetting("Commentary:Database:MigrateOnStartup", "true");
            builder.UseSetting("Commentary:Database:ImportSample", "true");
            builder.UseSetting("Commentary:BootstrapAdminKey", "cmk_outage-test-admin-key");
        });
        _ = _factory.Server;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _cluster.StopAsync();
        Directory.Delete(Path.GetDirectoryName(_directory)!, recursive: true);
    }

    [Fact]
    public async Task ServerStopsAndRestarts_503WhileDown_RecoversWithoutRestartingTheApi()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(SampleUrl)).StatusCode);

        await _cluster.StopAsync();
        // The output cache keeps serving what it holds; anything that needs the database gets a 503.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(SampleUrl)).StatusCode);
        var inFlight = Enumerable.Range(1, 8).Select(i => client.GetAsync($"/api/articles?limit={i}")).ToList();
        foreach (var response in await Task.WhenAll(inFlight))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter is not null, "a 503 tells clients when to retry");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        _cluster = await LocalPostgresCluster.StartAsync(_directory, durable: false);
        var recovered = false;
        for (var attempt = 0; attempt < 40 && !recovered; attempt++)
        {
            var response = await client.GetAsync($"/api/articles?limit={50 + attempt}");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"got {(int)response.StatusCode} after the restart");
            recovered = response.StatusCode == HttpStatusCode.OK;
            if (!recovered)
            {
                await Task.Delay(250);
            }
        }

        Assert.True(recovered, "the API did not recover within 10 s of the database coming back");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
