using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Partners.Webhooks;

public sealed class ManageWebhooksTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task Create_GeneratesASecretShownOnlyOnce()
    {
        var response = await Admin.PostAsJsonAsync("/api/manage/webhooks", new { url = "http://127.0.0.1:9/hook", events = new[] { "published", "deleted" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);

        var id = created.GetProperty("id").GetString();
        Assert.Equal($"/api/manage/webhooks/{id}", response.Headers.Location!.OriginalString);
        var one = await Admin.GetStringAsync($"/api/manage/webhooks/{id}");
        var list = await Admin.GetStringAsync("/api/manage/webhooks");
        Assert.DoesNotContain(secret, one, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", list, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"events\":[\"published\",\"deleted\"]", one, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenSecret_IsKept()
    {
        var secret = "whsec_" + Convert.ToBase64String(new byte[24]);
        var response = await Admin.PostAsJsonAsync("/api/manage/webhooks", new { url = "https://example.com/hook", events = new[] { "updated" }, secret });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(secret, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString());
    }

    [Theory]
    [InlineData("""{"url":"/relative","events":["published"]}""", "url")]
    [InlineData("""{"url":"ftp://example.com/x","events":["published"]}""", "url")]
    [InlineData("""{"url":"https://example.com/x","events":[]}""", "events")]
    [InlineData("""{"url":"https://example.com/x","events":["created"]}""", "events")]
    [InlineData("""{"url":"https://example.com/x","events":["published"],"secret":"short"}""", "secret")]
    [InlineData("""{"url":"https://example.com/x","events":["published"],"secret":"whsec_AAAA"}""", "secret")]
    [InlineData("""{"url":"https://exa\u0000mple.com/x","events":["published"]}""", "url")]
    public async Task InvalidRequest_Returns400NamingTheField(string json, string field)
    {
        var response = await Admin.PostAsync("/api/manage/webhooks", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DeleteThenGet_Returns404()
    {
        var created = await (await Admin.PostAsJsonAsync("/api/manage/webhooks", new { url = "https://example.com/hook", events = new[] { "published" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/manage/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"/api/manage/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.DeleteAsync($"/api/manage/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"/api/manage/webhooks/{id}/deliveries")).StatusCode);
    }

    [Fact]
    public async Task Deliveries_ArePagedNewestFirstWithStatusAndTimingOnly()
    {
        var created = await (await Admin.PostAsJsonAsync("/api/manage/webhooks", new { url = "http://127.0.0.1:9/hook", events = new[] { "published", "updated", "unpublished" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var seed = ContentSeeder.OnWallClock(Factory.Services);
        var article = await seed.ArticleAsync("story", "en", new Dictionary<string, string> { ["en"] = "Story" });
        await seed.PublishAsync(article);
        await seed.UnpublishAsync(article);

        var first = await Admin.GetFromJsonAsync<JsonElement>($"/api/manage/webhooks/{id}/deliveries?limit=2");
        var items = first.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["unpublished", "updated"], items.Select(i => i.GetProperty("event").GetString()));
        Assert.All(items, i =>
        {
            Assert.Equal("pending", i.GetProperty("status").GetString());
            Assert.Equal(0, i.GetProperty("attempts").GetInt32());
            Assert.False(i.TryGetProperty("payload", out _));
        });
        var cursor = first.GetProperty("nextCursor").GetString()!;
        var second = await Admin.GetFromJsonAsync<JsonElement>($"/api/manage/webhooks/{id}/deliveries?limit=2&cursor={Uri.EscapeDataString(cursor)}");
        Assert.Equal(["published"], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("event").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.GetAsync($"/api/manage/webhooks/{id}/deliveries?cursor=nope")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.GetAsync($"/api/manage/webhooks/{id}/deliveries?limit=0")).StatusCode);
    }

    [Fact]
    public async Task NonAdmin_IsRefused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous.GetAsync("/api/manage/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await ClientForRoleAsync(Roles.Editor)).GetAsync("/api/manage/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await ClientForRoleAsync(Roles.Partner)).PostAsJsonAsync("/api/manage/webhooks", new { url = "https://example.com/", events = new[] { "published" } })).StatusCode);
    }

    public static readonly string[] Refused =
    [
        "http://127.0.0.1/hook",
        "http://127.1/hook",
        "http://2130706433/hook",
        "http://0x7f000001/hook",
        "http://0177.0.0.1/hook",
        "http://0x7f.1/hook",
        "http://localhost/hook",
        "http://LOCALHOST./hook",
        "http://api.localhost/hook",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[::ffff:7f00:1]/hook",
        "http://[::]/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://10.1.2.3/hook",
        "http://172.16.0.1/hook",
        "http://172.31.255.255/hook",
        "http://192.168.1.1/hook",
        "http://100.64.0.1/hook",
        "http://100.127.255.255/hook",
        "http://[fc00::1]/hook",
        "http://[fd12:3456::1]/hook",
        "http://[fe80::1]/hook",
        "http://0.0.0.0/hook",
        "http://0/hook",
        "http://224.0.0.1/hook",
        "http://[ff02::1]/hook",
        "http://[64:ff9b::7f00:1]/hook",
        "http://[2002:7f00:1::]/hook",
        "file:///etc/passwd",
        "gopher://example.com/",
        "http://a@127.0.0.1/hook",
        "http://user:pass@example.com/hook",
        "http://@example.com/hook",
    ];

    public static readonly string[] Accepted = ["https://93.184.215.14/hook", "http://[2606:4700:4700::1111]/hook", "https://172.32.0.1/hook", "https://100.128.0.1/hook"];

    [Fact]
    public async Task InternalTargets_AreRefusedAtRegistration_PublicOnesAccepted()
    {
        await using var strict = Factory.WithWebHostBuilder(b => b.UseSetting("Commentary:Webhooks:AllowPrivateTargets", "false"));
        var client = strict.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", CommentaryApiFactory.AdminKey);

        var wrong = new List<string>();
        foreach (var (url, expected) in Refused.Select(u => (u, HttpStatusCode.BadRequest)).Concat(Accepted.Select(u => (u, HttpStatusCode.Created))))
        {
            var response = await client.PostAsJsonAsync("/api/manage/webhooks", new { url, events = new[] { "published" } });
            var refusedForUrl = response.StatusCode == HttpStatusCode.BadRequest
                && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("url", out _);
            if (response.StatusCode != expected || (expected == HttpStatusCode.BadRequest && !refusedForUrl))
            {
                wrong.Add($"{url} -> {(int)response.StatusCode}");
            }
        }

        Assert.Empty(wrong);
    }
}
