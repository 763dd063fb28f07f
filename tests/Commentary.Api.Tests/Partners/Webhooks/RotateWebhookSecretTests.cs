using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commentary.Api.Partners.Webhooks;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Commentary.Api.Tests.Partners.Webhooks.DispatchingApp;

namespace Commentary.Api.Tests.Partners.Webhooks;

public sealed class RotateWebhookSecretTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task DuringTheOverlap_BothSecretsVerify_AfterIt_OnlyTheNewOne()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = Start(Factory);
        var admin = AdminOf(app);
        var (webhookId, oldSecret) = await RegisterAsync(admin, receiver.Url);

        var response = await admin.PostAsync($"/api/manage/webhooks/{webhookId}/rotate-secret", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rotated = await response.Content.ReadFromJsonAsync<JsonElement>();
        var newSecret = rotated.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", newSecret, StringComparison.Ordinal);
        Assert.NotEqual(oldSecret, newSecret);
        Assert.InRange(rotated.GetProperty("previousSecretExpiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddHours(23), DateTimeOffset.UtcNow.AddHours(25));
        var shown = await admin.GetStringAsync($"/api/manage/webhooks/{webhookId}");
        Assert.DoesNotContain(newSecret, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(oldSecret, shown, StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Null, JsonDocument.Parse(shown).RootElement.GetProperty("rotationOverlapEndsAt").ValueKind);

        var seed = ContentSeeder.OnWallClock(app.Services);
        var article = await seed.ArticleAsync("story", "en", new Dictionary<string, string> { ["en"] = "Story" });
        var during = Assert.Single(await receiver.WaitForAsync(1));
        var signatures = during.Headers["webhook-signature"].Split(' ');
        Assert.Equal(2, signatures.Length);
        Assert.All(signatures, s => Assert.StartsWith("v1,", s, StringComparison.Ordinal));
        Assert.True(Verifies(during, newSecret));
        Assert.True(Verifies(during, oldSecret));
        Assert.False(Verifies(during, WebhookSignature.NewSecret()));

        // The overlap ends: the old secret no longer signs anything.
        await using (var db = CreateDbContext())
        {
            await db.Webhooks.ExecuteUpdateAsync(s => s.SetProperty(w => w.PreviousSecretExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }

        await seed.UnpublishAsync(article);
        var after = (await receiver.WaitForAsync(2))[1];
        Assert.DoesNotContain(" ", after.Headers["webhook-signature"], StringComparison.Ordinal);
        Assert.True(Verifies(after, newSecret));
        Assert.False(Verifies(after, oldSecret));
        Assert.Equal(JsonValueKind.Null, (await admin.GetFromJsonAsync<JsonElement>($"/api/manage/webhooks/{webhookId}")).GetProperty("rotationOverlapEndsAt").ValueKind);
    }

    [Fact]
    public async Task RotatingTwice_RetiresTheOldestSecret()
    {
        var (webhookId, first) = await RegisterAsync(Admin, "https://example.com/hook");
        var second = (await (await Admin.PostAsync($"/api/manage/webhooks/{webhookId}/rotate-secret", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString();
        var third = (await (await Admin.PostAsync($"/api/manage/webhooks/{webhookId}/rotate-secret", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString();

        await using var db = CreateDbContext();
        var webhook = await db.Webhooks.SingleAsync();
        // Stored encrypted (WebhookSecretsAtRestTests): read back the way the dispatcher reads them.
        var secrets = Factory.Services.GetRequiredService<WebhookSecrets>();
        Assert.Equal((third, second), (secrets.Reveal(webhook.Secret), secrets.Reveal(webhook.PreviousSecret!)));
        Assert.NotEqual(first, secrets.Reveal(webhook.PreviousSecret!));
    }

    [Fact]
    public async Task UnknownWebhookOrNonAdmin_404Or403()
    {
        var unknown = await Admin.PostAsync($"/api/manage/webhooks/{Guid.NewGuid()}/rotate-secret", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);

        var (webhookId, _) = await RegisterAsync(Admin, "https://example.com/hook");
        var editor = await ClientForRoleAsync(Roles.Editor);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsync($"/api/manage/webhooks/{webhookId}/rotate-secret", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous.PostAsync($"/api/manage/webhooks/{webhookId}/rotate-secret", null)).StatusCode);
    }
}
