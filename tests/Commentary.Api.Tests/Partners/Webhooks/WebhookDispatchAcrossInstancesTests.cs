using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Partners.Webhooks;

/// <summary>
/// Several instances run the dispatcher on one database: each delivery is claimed by one of them (row locks with SKIP
/// LOCKED), so a receiver gets every event once, never twice.
/// </summary>
public sealed class WebhookDispatchAcrossInstancesTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task TwoInstancesDispatching_DeliverEachEventExactlyOnce()
    {
        const int Articles = 40;
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var one = DispatchingApp.Start(Factory);
        await using var two = DispatchingApp.Start(Factory);
        await DispatchingApp.RegisterAsync(DispatchingApp.AdminOf(one), receiver.Url, "published");
        _ = two.Services; // both dispatchers running before the first event

        var seed = ContentSeeder.OnWallClock(one.Services);
        for (var i = 0; i < Articles; i++)
        {
            await seed.PublishAsync(await seed.SimpleAsync($"story-{i}", $"Story {i}"));
        }

        await receiver.WaitForAsync(Articles);
        // Time for a second delivery of any event to arrive, had two instances claimed it.
        await Task.Delay(TimeSpan.FromSeconds(1));

        var ids = receiver.Requests.Select(r => r.Headers["webhook-id"]).ToList();
        Assert.Equal(Articles, ids.Count);
        Assert.Equal(Articles, ids.Distinct().Count());
    }
}
