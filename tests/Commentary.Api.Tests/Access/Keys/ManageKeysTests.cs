using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Commentary.Api.Access.Keys;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Tests.Access.Keys;

public sealed class ManageKeysTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const string Route = ManageKeysEndpoints.Route;

    [Fact]
    public async Task Create_Returns201WithSecretOnce_AndStoresOnlyItsHash()
    {
        var response = await Admin.PostAsJsonAsync(Route, new { name = "newsroom", role = "editor" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var secret = created.RootElement.GetProperty("secret").GetString()!;
        var id = created.RootElement.GetProperty("id").GetGuid();
        Assert.StartsWith(ApiKeySecrets.Prefix, secret, StringComparison.Ordinal);
        Assert.Equal($"{Route}/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("editor", created.RootElement.GetProperty("role").GetString());

        await using (var db = CreateDbContext())
        {
            var row = await db.ApiKeys.SingleAsync(k => k.Id == id);
            Assert.Equal(ApiKeySecrets.Hash(secret), row.SecretHash);
            var rowText = string.Join("|", row.Name, row.Role, row.LookupId, Convert.ToBase64String(row.SecretHash), Encoding.UTF8.GetString(row.SecretHash));
            Assert.DoesNotContain(secret, rowText, StringComparison.Ordinal);
            Assert.DoesNotContain(secret[ApiKeySecrets.Prefix.Length..], rowText, StringComparison.Ordinal);
        }

        var shown = await Admin.GetStringAsync($"{Route}/{id}");
        var listed = await Admin.GetStringAsync(Route);
        foreach (var body in new[] { shown, listed })
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain("hash", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("lookup", body, StringComparison.OrdinalIgnoreCase);
        }

        var client = Factory.ClientWithKey(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/manage/topics")).StatusCode);
    }

    [Theory]
    [InlineData("""{ "name": "x", "role": "root" }""", "role")]
    [InlineData("""{ "name": "", "role": "editor" }""", "name")]
    [InlineData("""{ "name": "a\u0000b", "role": "editor" }""", "name")]
    [InlineData("""{ "name": "a\udc00", "role": "editor" }""", "name")]
    [InlineData("""{ "name": "x", "role": "editor", "secret": "cmk_mine" }""", "secret")]
    public async Task Create_BadInput_Returns400NamingTheField(string json, string field)
    {
        var response = await Admin.PostAsync(Route, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task Create_NameOfMaxCodePointsAccepted_OneMoreRefused()
    {
        var longest = string.Concat(Enumerable.Repeat("𠀀", ApiKey.NameMaxLength));
        Assert.Equal(HttpStatusCode.Created, (await Admin.PostAsJsonAsync(Route, new { name = longest, role = "partner" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.PostAsJsonAsync(Route, new { name = longest + "𠀀", role = "partner" })).StatusCode);
    }

    [Fact]
    public async Task List_PagesThroughEveryKey()
    {
        for (var i = 0; i < 4; i++)
        {
            await Admin.PostAsJsonAsync(Route, new { name = $"key {i}", role = "translator" });
        }

        var names = new List<string>();
        string? cursor = null;
        do
        {
            using var page = JsonDocument.Parse(await Admin.GetStringAsync($"{Route}?limit=2{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}"));
            names.AddRange(page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!));
            cursor = page.RootElement.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(["bootstrap admin", "key 0", "key 1", "key 2", "key 3"], names);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.GetAsync($"{Route}?cursor=abc")).StatusCode);
    }

    [Fact]
    public async Task Get_Unknown_Returns404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"{Route}/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Revoke_FailsTheKeyOnItsNextRequest_AndTwiceIsFine()
    {
        var response = await Admin.PostAsJsonAsync(Route, new { name = "soon gone", role = "editor" });
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = created.RootElement.GetProperty("id").GetGuid();
        var client = Factory.ClientWithKey(created.RootElement.GetProperty("secret").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/manage/sources")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"{Route}/{id}")).StatusCode);

        var refused = await client.GetAsync("/api/manage/sources");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.NotEmpty(refused.Headers.WwwAuthenticate);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"{Route}/{id}")).StatusCode);
        using var shown = JsonDocument.Parse(await Admin.GetStringAsync($"{Route}/{id}"));
        Assert.NotEqual(JsonValueKind.Null, shown.RootElement.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task Revoke_LastActiveAdminKey_Returns409_UntilAnotherAdminExists()
    {
        var bootstrapId = (await CreateDbContext().ApiKeys.SingleAsync(k => k.Role == Roles.Admin)).Id;

        var refused = await Admin.DeleteAsync($"{Route}/{bootstrapId}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("last_admin_key", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var response = await Admin.PostAsJsonAsync(Route, new { name = "second admin", role = "admin" });
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var second = Factory.ClientWithKey(created.RootElement.GetProperty("secret").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await second.DeleteAsync($"{Route}/{bootstrapId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Admin.GetAsync(Route)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await second.DeleteAsync($"{Route}/{created.RootElement.GetProperty("id").GetGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Revoke_TwoAdminsRevokingEachOtherAtOnce_LeavesOneActive()
    {
        var bootstrapId = (await CreateDbContext().ApiKeys.SingleAsync(k => k.Role == Roles.Admin)).Id;
        var response = await Admin.PostAsJsonAsync(Route, new { name = "other admin", role = "admin" });
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var other = Factory.ClientWithKey(created.RootElement.GetProperty("secret").GetString());

        var results = await Task.WhenAll(
            Admin.DeleteAsync($"{Route}/{created.RootElement.GetProperty("id").GetGuid()}"),
            other.DeleteAsync($"{Route}/{bootstrapId}"));

        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.NoContent));
        Assert.Equal(1, await CreateDbContext().ApiKeys.CountAsync(k => k.Role == Roles.Admin && k.RevokedAt == null));
    }

    [Theory]
    [InlineData(Roles.Editor)]
    [InlineData(Roles.Translator)]
    [InlineData(Roles.Partner)]
    [InlineData(null)]
    public async Task EveryRoute_RefusesAllButAdmin(string? role)
    {
        var client = role is null ? Anonymous : await ClientForRoleAsync(role);
        var expected = role is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
        var id = Guid.NewGuid();

        Assert.Equal(expected, (await client.PostAsJsonAsync(Route, new { name = "x", role = "admin" })).StatusCode);
        Assert.Equal(expected, (await client.GetAsync(Route)).StatusCode);
        Assert.Equal(expected, (await client.GetAsync($"{Route}/{id}")).StatusCode);
        Assert.Equal(expected, (await client.DeleteAsync($"{Route}/{id}")).StatusCode);
    }

    [Fact]
    public async Task MalformedOrUnknownKey_Returns401()
    {
        var malformed = Factory.CreateClient();
        malformed.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Token abc");
        Assert.Equal(HttpStatusCode.Unauthorized, (await malformed.GetAsync(Route)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.ClientWithKey(ApiKeySecrets.Generate()).GetAsync(Route)).StatusCode);
    }

    [Fact]
    public async Task RevokedBootstrapKey_StaysRevokedAcrossRestarts_AndTheStartStillSucceeds()
    {
        using var created = JsonDocument.Parse(await (await Admin.PostAsJsonAsync(Route, new { name = "second admin", role = "admin" })).Content.ReadAsStringAsync());
        var second = Factory.ClientWithKey(created.RootElement.GetProperty("secret").GetString());
        await using (var db = CreateDbContext())
        {
            var bootstrap = await db.ApiKeys.SingleAsync(k => k.Name == "bootstrap admin");
            Assert.Equal(HttpStatusCode.NoContent, (await second.DeleteAsync($"{Route}/{bootstrap.Id}")).StatusCode);
        }

        // What every start does: it used to insert the configured key again and fail on the unique lookup id.
        await Factory.EnsureAdminKeyAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await Admin.GetAsync(Route)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(Route)).StatusCode);
    }
}
