using System.Net.Http.Json;
using System.Text.Json;
using Commentary.Api.Tests.Infrastructure;
using Npgsql;
using static Commentary.Api.Tests.Partners.Webhooks.DispatchingApp;

namespace Commentary.Api.Tests.Partners.Webhooks;

/// <summary>Webhook secrets are kept encrypted (Data Protection): a copy of the database does not sign anyone's events.</summary>
public sealed class WebhookSecretsAtRestTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task SecretsAreStoredEncrypted_AndDeliveriesStillVerify()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = Start(Factory);
        var admin = AdminOf(app);
        var (webhookId, oldSecret) = await RegisterAsync(admin, receiver.Url);
        var rotated = await (await admin.PostAsync($"/api/manage/webhooks/{webhookId}/rotate-secret", null)).Content.ReadFromJsonAsync<JsonElement>();
        var newSecret = rotated.GetProperty("secret").GetString()!;

        var stored = await EveryStoredTextAsync();
        Assert.DoesNotContain(stored, v => v.Contains(oldSecret, StringComparison.Ordinal) || v.Contains(oldSecret["whsec_".Length..], StringComparison.Ordinal));
        Assert.DoesNotContain(stored, v => v.Contains(newSecret, StringComparison.Ordinal) || v.Contains(newSecret["whsec_".Length..], StringComparison.Ordinal));

        await ContentSeeder.OnWallClock(app.Services).ArticleAsync("story", "en", new Dictionary<string, string> { ["en"] = "Story" }, publish: ["en"]);
        var delivered = Assert.Single(await receiver.WaitForAsync(1));
        Assert.True(Verifies(delivered, newSecret));
        Assert.True(Verifies(delivered, oldSecret));
    }

    /// <summary>Every text column of the webhooks table, as a copy of the database would show them.</summary>
    private async Task<List<string>> EveryStoredTextAsync()
    {
        await using var connection = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT row_to_json(w)::text FROM webhooks w", connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        Assert.NotEmpty(rows);
        return rows;
    }
}
