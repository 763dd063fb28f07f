using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Access.Keys;

public sealed class KeyLoggingTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task KeySecrets_NeverAppearInLogs_AtAnyLevel()
    {
        var capture = new CapturingLoggerProvider();
        await using var factory = CapturingLoggerProvider.Attach(Factory, capture);
        var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CommentaryApiFactory.AdminKey);

        var response = await admin.PostAsJsonAsync("/api/manage/keys", new { name = "logged?", role = "editor" });
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var secret = created.RootElement.GetProperty("secret").GetString()!;
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        await client.GetAsync("/api/manage/topics");
        await admin.DeleteAsync($"/api/manage/keys/{created.RootElement.GetProperty("id").GetGuid()}");
        await client.GetAsync("/api/manage/topics");

        Assert.Contains(capture.Lines, line => line.Contains("logged?", StringComparison.Ordinal));
        Assert.DoesNotContain(capture.Lines, line => line.Contains(secret, StringComparison.Ordinal) || line.Contains(CommentaryApiFactory.AdminKey, StringComparison.Ordinal));
    }
}
