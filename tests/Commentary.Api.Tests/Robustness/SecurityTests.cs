using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Commentary.Api.Access.Keys;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Tests.Robustness;

/// <summary>
/// RELIABILITY.md D1, D2 and B6 over every protected operation of the OpenAPI document: the role matrix, keys kept out of
/// logs, and secrets kept out of every response body. Draft leakage is covered by PublicationBoundaryPropertyTests.
/// </summary>
public sealed class SecurityTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const string SomeId = "0190a000-0000-7000-8000-000000000000";

    /// <summary>The roles that must be refused for each least role (policies in Common/Auth/Policies.cs).</summary>
    private static readonly Dictionary<string, string[]> RolesBelow = new()
    {
        [Roles.Admin] = [Roles.Editor, Roles.Translator, Roles.Partner],
        [Roles.Editor] = [Roles.Translator, Roles.Partner],
        [Roles.Translator] = [Roles.Partner],
        [Roles.Partner] = [Roles.Editor, Roles.Translator],
    };

    [Fact]
    public async Task EveryProtectedOperation_RefusesMissingBadRevokedAndLowerRoleKeys_AndAdmitsItsRole()
    {
        var operations = (await ApiOperation.ReadAsync(Anonymous))
            .Where(o => o.Path.StartsWith("/api/manage", StringComparison.Ordinal) || o.Path.StartsWith("/api/partner", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(operations);
        var clients = new Dictionary<string, HttpClient>();
        foreach (var role in RolesBelow.Keys)
        {
            clients[role] = await ClientForRoleAsync(role);
        }

        var revokedSecret = await Factory.CreateKeyAsync(Roles.Admin, "to be revoked");
        await using (var db = CreateDbContext())
        {
            var revokedId = await db.ApiKeys.Where(k => k.Name == "to be revoked").Select(k => k.Id).SingleAsync();
            Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/manage/keys/{revokedId}")).StatusCode);
        }

        var unauthenticated = new (string What, AuthenticationHeaderValue? Header)[]
        {
            ("no key", null),
            ("revoked key", new("Bearer", revokedSecret)),
            ("unknown key", new("Bearer", "cmk_" + new string('x', 40))),
            ("malformed key", new("Bearer", "not a key at all")),
            ("empty bearer", new("Bearer", "")),
            ("basic scheme", new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + CommentaryApiFactory.AdminKey)))),
        };
        var failures = new List<string>();
        foreach (var operation in operations)
        {
            var role = operation.RequiredRole;
            if (role is null || !RolesBelow.ContainsKey(role))
            {
                failures.Add($"{operation.Name}: declares no known role ({role ?? "none"})");
                continue;
            }

            var url = operation.Url(PathValue);
            foreach (var (what, header) in unauthenticated)
            {
                using var anonymous = Anonymous;
                anonymous.DefaultRequestHeaders.Authorization = header;
                using var response = await SendAsync(anonymous, operation, url);
                if (response.StatusCode != HttpStatusCode.Unauthorized || response.Headers.WwwAuthenticate.Count == 0)
                {
                    failures.Add($"{operation.Name} with {what}: {(int)response.StatusCode}, WWW-Authenticate '{response.Headers.WwwAuthenticate}'");
                }
            }

            foreach (var lower in RolesBelow[role])
            {
                using var response = await SendAsync(clients[lower], operation, url);
                if (response.StatusCode != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{operation.Name} as {lower} (needs {role}): {(int)response.StatusCode}, expected 403");
                }
            }

            using (var admitted = await SendAsync(clients[role], operation, url))
            {
                if (admitted.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (int)admitted.StatusCode >= 500)
                {
                    failures.Add($"{operation.Name} as {role}: {(int)admitted.StatusCode}, expected to be admitted");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task KeysAndSecrets_NeverAppearInLogs_NorInAnyResponseBody()
    {
        var capture = new CapturingLoggerProvider();
        await using var factory = CapturingLoggerProvider.Attach(Factory, capture);
        var bodies = new ConcurrentQueue<string>();
        HttpClient Client(string? key)
        {
            var client = factory.CreateDefaultClient(new RecordingHandler(bodies));
            if (key is not null)
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            return client;
        }

        var admin = Client(CommentaryApiFactory.AdminKey);
        // The two answers that show a secret once are read apart from the recorded bodies.
        using var created = JsonDocument.Parse(await (await factory.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/manage/keys")
        {
            Content = JsonContent.Create(new { name = "canary key", role = "editor" }),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", CommentaryApiFactory.AdminKey) },
        })).Content.ReadAsStringAsync());
        var keySecret = created.RootElement.GetProperty("secret").GetString()!;
        var keyId = created.RootElement.GetProperty("id").GetString()!;
        const string webhookSecret = "canary-webhook-secret-9f3c2a7e1b";
        var hook = await factory.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/manage/webhooks")
        {
            Content = JsonContent.Create(new { url = "https://example.org/canary", events = new[] { "published" }, secret = webhookSecret }),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", CommentaryApiFactory.AdminKey) },
        });
        Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        var hookId = (await hook.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await new ContentSeeder(Factory.Services).SimpleAsync("canary-article", "Canary article");

        var editor = Client(keySecret);
        var anonymous = Client(null);
        var editorRead = await editor.GetAsync("/api/manage/topics");
        Assert.True(editorRead.StatusCode == HttpStatusCode.OK, $"{editorRead.StatusCode}: {string.Join("\n", capture.Lines.Where(l => l.Contains(" Error ", StringComparison.Ordinal)))}");
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync($"/api/articles?api_key={Uri.EscapeDataString(keySecret)}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync($"/api/manage/topics?access_token={Uri.EscapeDataString(keySecret)}")).StatusCode);
        foreach (var header in new[] { $"Bearer {keySecret}x", $"Basic {keySecret}", $"Token {keySecret}", $"Bearer  {keySecret} extra", keySecret })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/manage/articles");
            request.Headers.TryAddWithoutValidation("Authorization", header);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(request)).StatusCode);
        }

        // Everything that can show keys and webhooks, in good and bad ways, and every public read.
        foreach (var url in new[]
        {
            "/api/manage/keys", $"/api/manage/keys/{keyId}", "/api/manage/webhooks", $"/api/manage/webhooks/{hookId}",
            $"/api/manage/webhooks/{hookId}/deliveries", "/api/manage/keys?limit=abc", "/api/manage/keys/not-a-guid",
            $"/api/manage/webhooks/{SomeId}", "/api/articles", "/api/articles/canary-article", "/api/search?q=canary",
            "/feeds/en/rss.xml", "/feeds/en/atom.xml", "/feeds/en/feed.json", "/sitemap.xml", "/api/partner/changes",
        })
        {
            await admin.GetAsync(url);
            await editor.GetAsync(url);
            await anonymous.GetAsync(url);
        }

        await admin.PostAsJsonAsync("/api/manage/webhooks", new { url = "http://169.254.169.254/", events = new[] { "nope" }, secret = "short" });
        await admin.PostAsJsonAsync("/api/manage/keys", new { name = "", role = "root" });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/manage/keys/{keyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await editor.GetAsync("/api/manage/topics")).StatusCode);
        await admin.DeleteAsync($"/api/manage/keys/{keyId}");

        byte[] hash;
        await using (var db = CreateDbContext())
        {
            hash = await db.ApiKeys.Where(k => k.Id == Guid.Parse(keyId)).Select(k => k.SecretHash).SingleAsync();
        }

        var secrets = new[] { keySecret, CommentaryApiFactory.AdminKey, webhookSecret, Convert.ToHexString(hash), Convert.ToHexStringLower(hash), Convert.ToBase64String(hash), keySecret[..^4] };
        Assert.True(bodies.Count > 40, $"only {bodies.Count} bodies recorded");
        Assert.Contains(capture.Lines, line => line.Contains("canary key", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(capture.Lines, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(bodies, body => body.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static string PathValue(string name, string collection) => name switch
    {
        "id" => SomeId,
        "slug" => "no-such-slug",
        "lang" => "en",
        _ => "1",
    };

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, ApiOperation operation, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
        if (operation.HasBody)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request);
    }

    private sealed class RecordingHandler(ConcurrentQueue<string> bodies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            bodies.Enqueue(await response.Content.ReadAsStringAsync(cancellationToken));
            return response;
        }
    }
}
