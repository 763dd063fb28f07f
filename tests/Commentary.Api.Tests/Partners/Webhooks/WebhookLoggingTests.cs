using System.Net;
using System.Net.Sockets;
using Commentary.Api.Partners.Webhooks;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Tests.Partners.Webhooks;

/// <summary>A receiver that is down must not fill the log: one line per attempt, no stack trace, nothing above Debug until it gives up.</summary>
public sealed class WebhookLoggingTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task ReceiverDown_LogsOneShortLinePerAttempt_WithoutStackTraces()
    {
        var capture = new CapturingLoggerProvider();
        await using var app = CapturingLoggerProvider.Attach(DispatchingApp.Start(Factory, ("Commentary:Webhooks:MaxAttempts", "2")), capture);
        var (webhookId, _) = await DispatchingApp.RegisterAsync(DispatchingApp.AdminOf(app), $"http://127.0.0.1:{ClosedPort()}/hook");
        await ContentSeeder.OnWallClock(app.Services).ArticleAsync("story", "en", new Dictionary<string, string> { ["en"] = "Story" }, publish: ["en"]);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await FailedAsync(Guid.Parse(webhookId)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the delivery never failed for good");
            await Task.Delay(100);
        }

        var lines = capture.Lines.ToList();
        Assert.DoesNotContain(lines, l => l.Contains("   at ", StringComparison.Ordinal) && !l.Contains(" Debug ", StringComparison.Ordinal) && !l.Contains(" Trace ", StringComparison.Ordinal));
        var dispatcher = lines.Where(l => l.StartsWith(typeof(WebhookDispatcher).FullName!, StringComparison.Ordinal)).ToList();
        Assert.Single(dispatcher, l => l.Contains(" Warning ", StringComparison.Ordinal) && l.Contains(webhookId, StringComparison.Ordinal));
    }

    private async Task<bool> FailedAsync(Guid webhookId)
    {
        await using var db = CreateDbContext();
        return await db.WebhookDeliveries.AnyAsync(d => d.WebhookId == webhookId && d.Status == DeliveryStatus.Failed);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
