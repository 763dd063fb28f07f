using System.Globalization;
using Commentary.Api.Tests.Infrastructure;
using static Commentary.Api.Tests.Partners.Webhooks.DispatchingApp;

namespace Commentary.Api.Tests.Partners.Webhooks;

/// <summary>A throttled receiver (429/503 with Retry-After) is not retried before it asked, within the maximum delay.</summary>
public sealed class WebhookRetryAfterTests(ApiFixture fixture) : ApiTest(fixture)
{
    public static TheoryData<int, string> Throttles => new()
    {
        { 503, "seconds" },
        { 429, "date" },
    };

    [Theory]
    [MemberData(nameof(Throttles))]
    public async Task RetryAfter_NextAttemptNotBeforeTheDelay(int status, string form)
    {
        await using var receiver = await WebhookReceiver.StartScriptedAsync(
            new WebhookReceiver.Reply(status, () => form == "seconds" ? "2" : DateTimeOffset.UtcNow.AddSeconds(3).ToString("R", CultureInfo.InvariantCulture)));
        await using var app = Start(Factory);
        var (_, secret) = await RegisterAsync(AdminOf(app), receiver.Url, "published");
        await ContentSeeder.OnWallClock(app.Services).ArticleAsync("story", "en", new Dictionary<string, string> { ["en"] = "Story" });

        var requests = await receiver.WaitForAsync(2, TimeSpan.FromSeconds(30));

        Assert.Equal(2, requests.Count);
        // The backoff alone would retry after about 0.2 s; an HTTP date has whole seconds, so 3 s from now is at least 2 s away.
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(2), $"retried after {(requests[1].At - requests[0].At).TotalSeconds:F2} s");
        Assert.Equal(requests[0].Headers["webhook-id"], requests[1].Headers["webhook-id"]);
        Assert.True(Verifies(requests[1], secret));
    }

    [Fact]
    public async Task RetryAfterBeyondTheMaximumDelay_IsCapped()
    {
        await using var receiver = await WebhookReceiver.StartScriptedAsync(new WebhookReceiver.Reply(429, () => "86400"));
        await using var app = Start(Factory, ("Commentary:Webhooks:MaxRetryDelay", "00:00:01"));
        await RegisterAsync(AdminOf(app), receiver.Url, "published");
        await ContentSeeder.OnWallClock(app.Services).ArticleAsync("story", "en", new Dictionary<string, string> { ["en"] = "Story" });

        var requests = await receiver.WaitForAsync(2, TimeSpan.FromSeconds(15));

        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(0.9), $"retried after {(requests[1].At - requests[0].At).TotalSeconds:F2} s");
    }
}
