using System.Net;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Robustness;

/// <summary>
/// The database goes away under the API and comes back (RELIABILITY.md G1/G6): while it is down every answer is a
/// 503 problem with Retry-After (never a 500), readiness is 503 and liveness 200; afterwards the API recovers by itself.
/// Runs on a cluster of its own, since it stops the server.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private const string SampleUrl = "/api/articles/sino-russian-defense-cooperation-reaches-new-heights";
    private OwnClusterApp _app = null!;

    public async Task InitializeAsync() => _app = await OwnClusterApp.StartAsync(builder => builder.UseSetting("Commentary:Database:ImportSample", "true"));

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task ServerStopsAndRestarts_503WhileDown_RecoversWithoutRestartingTheApi()
    {
        var client = _app.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(SampleUrl)).StatusCode);

        await _app.StopDatabaseAsync();
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

        await _app.StartDatabaseAsync();
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
