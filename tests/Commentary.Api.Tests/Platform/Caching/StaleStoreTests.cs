using System.Net;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;

namespace Commentary.Api.Tests.Platform.Caching;

/// <summary>A response read before a change committed is never stored in the output cache after that change's eviction.</summary>
public sealed class StaleStoreTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task ResponseReadBeforeAnUnpublish_IsNotStoredAfterItsEviction()
    {
        var seed = new ContentSeeder(Factory.Services);
        var id = await seed.SimpleAsync("race", "Race");
        var gate = new GatedStore();
        await using var app = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(gate.Install));
        var client = app.CreateClient();

        // The request has read the published article and is about to store it when the unpublish commits and evicts.
        var stale = client.GetAsync("/api/articles/race");
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await new ContentSeeder(app.Services).UnpublishAsync(id);
        gate.Open.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await stale).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/articles/race")).StatusCode);
    }
}
