using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Commentary.Api.Partners.Webhooks;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Commentary.Api.Tests.Partners.Webhooks;

/// <summary>The app with a fast dispatcher running, and a receiver's view of Standard Webhooks signatures.</summary>
internal static class DispatchingApp
{
    public static WebApplicationFactory<Program> Start(CommentaryApiFactory factory, params (string Key, string Value)[] settings) => factory.WithWebHostBuilder(b =>
    {
        b.UseSetting("Commentary:Webhooks:DispatcherEnabled", "true");
        b.UseSetting("Commentary:Webhooks:AllowPrivateTargets", "true");
        b.UseSetting("Commentary:Webhooks:PollInterval", "00:00:00.100");
        b.UseSetting("Commentary:Webhooks:RetryBaseDelay", "00:00:00.200");
        foreach (var (key, value) in settings)
        {
            b.UseSetting(key, value);
        }
    });

    public static HttpClient AdminOf(WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", CommentaryApiFactory.AdminKey);
        return client;
    }

    public static async Task<(string Id, string Secret)> RegisterAsync(HttpClient admin, string url, params string[] events)
    {
        var response = await admin.PostAsJsonAsync("/api/manage/webhooks", new { url, events = events.Length == 0 ? WebhookEvents.All.ToArray() : events });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
    }

    /// <summary>What a receiver does: accept when any <c>v1</c> signature in the header verifies with its secret, in constant time.</summary>
    public static bool Verifies(WebhookReceiver.Received request, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var id = request.Headers["webhook-id"];
        var timestamp = long.Parse(request.Headers["webhook-timestamp"], CultureInfo.InvariantCulture);
        var expected = HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. request.Body]);
        return request.Headers["webhook-signature"].Split(' ')
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Any(s => CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(s[3..]), expected));
    }
}
