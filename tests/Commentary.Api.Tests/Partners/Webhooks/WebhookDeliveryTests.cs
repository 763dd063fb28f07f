using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Commentary.Api.Partners.Webhooks;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Tests.Partners.Webhooks;

public sealed class WebhookDeliveryTests(ApiFixture fixture) : ApiTest(fixture)
{
    private WebApplicationFactory<Program> Dispatching(bool allowPrivate = true, int maxAttempts = 5) => Factory.WithWebHostBuilder(b =>
    {
        b.UseSetting("Commentary:Webhooks:DispatcherEnabled", "true");
        b.UseSetting("Commentary:Webhooks:AllowPrivateTargets", allowPrivate ? "true" : "false");
        b.UseSetting("Commentary:Webhooks:PollInterval", "00:00:00.100");
        b.UseSetting("Commentary:Webhooks:RetryBaseDelay", "00:00:00.200");
        b.UseSetting("Commentary:Webhooks:MaxAttempts", maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
    });

    private static HttpClient AdminOf(WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", CommentaryApiFactory.AdminKey);
        return client;
    }

    private static async Task<(string Id, string Secret)> RegisterAsync(HttpClient admin, string url, params string[] events)
    {
        var response = await admin.PostAsJsonAsync("/api/manage/webhooks", new { url, events = events.Length == 0 ? WebhookEvents.All.ToArray() : events });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
    }

    [Fact]
    public async Task Lifecycle_SendsEachEventSignedOverTheExactBytes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = Dispatching();
        var (webhookId, secret) = await RegisterAsync(AdminOf(app), receiver.Url);
        var seed = ContentSeeder.OnWallClock(app.Services);

        var article = await seed.ArticleAsync("story", "en", new Dictionary<string, string> { ["en"] = "Story", ["zh-Hant"] = "故事 SECRET DRAFT" }, publish: ["en"]);
        await receiver.WaitForAsync(1);
        await seed.EditDraftAsync(article, "en", ContentSeeder.Content("SECRET NEW DRAFT", "en"));
        await seed.PublishAsync(article, "zh-Hant");
        await receiver.WaitForAsync(2);
        await seed.UnpublishAsync(article);
        await receiver.WaitForAsync(3);
        await seed.PublishAsync(article, "en");
        await receiver.WaitForAsync(4);
        await seed.DeleteAsync(article);
        var requests = await receiver.WaitForAsync(5);

        Assert.Equal(5, requests.Count);
        var events = requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(["published", "updated", "unpublished", "published", "deleted"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.All(events, e =>
        {
            Assert.Equal(article.ToString(), e.GetProperty("articleId").GetString());
            Assert.Equal("story", e.GetProperty("slug").GetString());
            Assert.True(e.TryGetProperty("occurredAt", out _));
        });
        Assert.Equal(["zh-Hant"], events[1].GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(["en", "zh-Hant"], events[2].GetProperty("languages").EnumerateArray().Select(l => l.GetString()).Order(StringComparer.Ordinal));
        foreach (var request in requests)
        {
            Assert.DoesNotContain("SECRET", Encoding.UTF8.GetString(request.Body), StringComparison.Ordinal);
            AssertSigned(request, secret);
        }

        Assert.Equal(5, requests.Select(r => r.Headers["webhook-id"]).Distinct().Count());
        var log = await AdminOf(app).GetStringAsync($"/api/manage/webhooks/{webhookId}/deliveries");
        Assert.DoesNotContain("receiver body", log, StringComparison.Ordinal);
        var items = JsonDocument.Parse(log).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        Assert.All(items, i => Assert.Equal(("succeeded", 1, 200), (i.GetProperty("status").GetString(), i.GetProperty("attempts").GetInt32(), i.GetProperty("lastStatusCode").GetInt32())));
    }

    [Fact]
    public async Task ReceiverFailsThenRecovers_RetriesWithTheSameId()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 302, 200);
        await using var app = Dispatching();
        var (webhookId, secret) = await RegisterAsync(AdminOf(app), receiver.Url, "published");
        await ContentSeeder.OnWallClock(app.Services).ArticleAsync("story", "en", new Dictionary<string, string> { ["en"] = "Story" });

        var requests = await receiver.WaitForAsync(3);
        await Task.Delay(500);

        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(requests, r => Assert.Equal("/hook", r.Path));
        Assert.Single(requests.Select(r => r.Headers["webhook-id"]).Distinct());
        Assert.Single(requests.Select(r => Convert.ToBase64String(r.Body)).Distinct());
        Assert.All(requests, r => AssertSigned(r, secret));
        var delivery = await DeliveryAsync(AdminOf(app), webhookId);
        Assert.Equal(("succeeded", 3, 200), (delivery.GetProperty("status").GetString(), delivery.GetProperty("attempts").GetInt32(), delivery.GetProperty("lastStatusCode").GetInt32()));
    }

    [Fact]
    public async Task Receiver410_DisablesTheWebhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync(410);
        await using var app = Dispatching();
        var (webhookId, _) = await RegisterAsync(AdminOf(app), receiver.Url);
        var seed = ContentSeeder.OnWallClock(app.Services);
        var article = await seed.ArticleAsync("story", "en", new Dictionary<string, string> { ["en"] = "Story" });
        await receiver.WaitForAsync(1);
        await WaitUntilAsync(async () => (await DeliveryAsync(AdminOf(app), webhookId)).GetProperty("status").GetString() == "failed");

        var webhook = await AdminOf(app).GetFromJsonAsync<JsonElement>($"/api/manage/webhooks/{webhookId}");
        Assert.NotEqual(JsonValueKind.Null, webhook.GetProperty("disabledAt").ValueKind);
        await seed.UnpublishAsync(article);
        await using var db = CreateDbContext();
        Assert.Equal(1, await db.WebhookDeliveries.CountAsync());
    }

    [Fact]
    public async Task OutboxRowCommittedWhileNoDispatcherRuns_IsDeliveredOnceAfterRestart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        string secret;
        await using (var stopped = Factory.WithWebHostBuilder(b => b.UseSetting("Commentary:Webhooks:DispatcherEnabled", "false")))
        {
            (_, secret) = await RegisterAsync(AdminOf(stopped), receiver.Url, "published");
            await ContentSeeder.OnWallClock(stopped.Services).ArticleAsync("story", "en", new Dictionary<string, string> { ["en"] = "Story" });
            await Task.Delay(300);
            Assert.Empty(receiver.Requests);
        }

        await using var restarted = Dispatching();
        _ = restarted.Server;
        var requests = await receiver.WaitForAsync(1);
        await Task.Delay(700);

        Assert.Single(receiver.Requests);
        AssertSigned(requests[0], secret);
    }

    [Fact]
    public async Task ForbiddenAddressAtConnectTime_IsNeverContacted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = Dispatching(allowPrivate: false, maxAttempts: 1);
        // Registered while private targets were allowed (or re-pointed by DNS since): the connect-time check still refuses.
        var (webhookId, _) = await RegisterAsync(Admin, receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal), "published");
        await ContentSeeder.OnWallClock(app.Services).ArticleAsync("story", "en", new Dictionary<string, string> { ["en"] = "Story" });

        await WaitUntilAsync(async () => (await DeliveryAsync(AdminOf(app), webhookId)).GetProperty("status").GetString() == "failed");
        var delivery = await DeliveryAsync(AdminOf(app), webhookId);
        Assert.Contains("Refused", delivery.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task UnsubscribedEvents_CreateNoDeliveries()
    {
        await RegisterAsync(Admin, "http://127.0.0.1:9/hook", "deleted");
        var seed = ContentSeeder.OnWallClock(Factory.Services);
        var article = await seed.ArticleAsync("story", "en", new Dictionary<string, string> { ["en"] = "Story" });
        await seed.UnpublishAsync(article);
        await using var db = CreateDbContext();
        Assert.Equal(0, await db.WebhookDeliveries.CountAsync());

        await seed.PublishAsync(article);
        await seed.DeleteAsync(article);
        Assert.Equal("deleted", (await db.WebhookDeliveries.SingleAsync()).Event);
    }

    /// <summary>Verifies the Standard Webhooks signature the way a receiver would, independently of the sender's code.</summary>
    private static void AssertSigned(WebhookReceiver.Received request, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var id = request.Headers["webhook-id"];
        var timestamp = long.Parse(request.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp, -5, 300);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. request.Body]));
        Assert.Equal(expected, request.Headers["webhook-signature"]);
        Assert.StartsWith("application/json", request.Headers["content-type"], StringComparison.Ordinal);
    }

    private static async Task<JsonElement> DeliveryAsync(HttpClient admin, string webhookId) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/manage/webhooks/{webhookId}/deliveries")).GetProperty("items").EnumerateArray().Single();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(100);
        }
    }
}
