using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Commentary.Api.Content;
using Commentary.Api.Editorial.Preview;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Commentary.Api.Tests.Editorial.Preview.GetPreviewTests;
using static Commentary.Api.Tests.Editorial.Preview.PreviewTestClient;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Preview;

public sealed class PreviewLinksTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task CreatedLink_OpensThePreviewWithoutAKey_WithPrivateHeaders_AndOnlyItsHashIsStored()
    {
        var (id, etag) = await CreateAsync(Admin, "linked", "Linked draft");
        Assert.Equal(HttpStatusCode.Created, (await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hant", new { title = "繁體草稿", body = "內文" }, etag)).Status);
        var before = DateTimeOffset.UtcNow;

        var response = await Admin.PostAsync(LinksUrl(id), JsonContent("""{"language":"zh-TW","expiresIn":3600}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var token = created.GetProperty("token").GetString()!;
        Assert.StartsWith("cmp_", token, StringComparison.Ordinal);
        Assert.Equal($"http://localhost/api/preview/{token}", created.GetProperty("url").GetString());
        Assert.Equal("zh-Hant", created.GetProperty("language").GetString());
        Assert.InRange(created.GetProperty("expiresAt").GetDateTimeOffset(), before.AddSeconds(3599), DateTimeOffset.UtcNow.AddSeconds(3601));

        var opened = await Anonymous.GetRawAsync($"/api/preview/{token}");
        Assert.Equal(HttpStatusCode.OK, opened.Status);
        Assert.Contains("繁體草稿", opened.Text, StringComparison.Ordinal);
        // The same preview as with a key (the bodies differ in their "now" publication times only).
        Assert.Equal((await Admin.GetRawAsync(PreviewUrl(id, "zh-Hant"))).ETag, opened.ETag);
        Assert.True(opened.Message.Headers.CacheControl is { Private: true, NoStore: true, Public: false, MaxAge: null }, opened.Header("Cache-Control"));
        Assert.Equal("noindex", opened.Header("X-Robots-Tag"));
        Assert.Equal("no-referrer", opened.Header("Referrer-Policy"));
        Assert.Equal("zh-Hant", opened.Header("Content-Language"));
        Assert.Equal("no-referrer", (await Admin.GetRawAsync(PreviewUrl(id))).Header("Referrer-Policy"));

        await using var db = CreateDbContext();
        var stored = await db.PreviewLinks.SingleAsync();
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), stored.TokenHash);
        var row = await db.Database.SqlQuery<string>($"SELECT t::text AS \"Value\" FROM preview_links t").SingleAsync();
        Assert.DoesNotContain(token["cmp_".Length..], row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnonymousPreview_IsNeverOutputCached()
    {
        var (id, _) = await CreateAsync(Admin, "uncached", "First draft title");
        var token = await CreateLinkAsync(id);
        Assert.Contains("First draft title", (await Anonymous.GetRawAsync($"/api/preview/{token}")).Text, StringComparison.Ordinal);
        await using (var db = CreateDbContext())
        {
            // Past the app's DbContext, so nothing evicts: a cached copy would still show the first title.
            await db.Translations.ExecuteUpdateAsync(s => s.SetProperty(t => t.Title, "Second draft title"));
        }

        Assert.Contains("Second draft title", (await Anonymous.GetRawAsync($"/api/preview/{token}")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ShowsLiveLinksWithoutTokens_RevokeOneByTokenOrId_AndAll()
    {
        var (id, _) = await CreateAsync(Admin, "revoked", "Revoked");
        var (first, second, third) = (await CreateLinkAsync(id), await CreateLinkAsync(id), await CreateLinkAsync(id));

        var list = await Admin.GetRawAsync(LinksUrl(id));
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var items = JsonDocument.Parse(list.Body).RootElement.GetProperty("items");
        Assert.Equal(3, items.GetArrayLength());
        Assert.All(new[] { first, second, third }, token => Assert.DoesNotContain(token["cmp_".Length..], list.Text, StringComparison.Ordinal));
        Assert.Equal(2, JsonDocument.Parse((await Admin.GetRawAsync(LinksUrl(id) + "?limit=2")).Body).RootElement.GetProperty("items").GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.SendAsync(HttpMethod.Delete, $"{LinksUrl(id)}/{first}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetRawAsync($"/api/preview/{first}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Delete, $"{LinksUrl(id)}/{first}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous.GetRawAsync($"/api/preview/{second}")).Status);
        var secondId = items[1].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.SendAsync(HttpMethod.Delete, $"{LinksUrl(id)}/{secondId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetRawAsync($"/api/preview/{second}")).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.SendAsync(HttpMethod.Delete, LinksUrl(id))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetRawAsync($"/api/preview/{third}")).Status);
        Assert.Equal(0, JsonDocument.Parse((await Admin.GetRawAsync(LinksUrl(id))).Body).RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Link_WorksUntilItExpires_ThenIs404AndUnlisted()
    {
        await using var app = new FrozenClockApp(Factory);
        var (id, _) = await CreateAsync(app.Admin, "expiring", "Expiring");
        var (status, created, _) = await app.Admin.SendAsync(HttpMethod.Post, LinksUrl(id), new { expiresIn = 60 });
        Assert.Equal(HttpStatusCode.Created, status);
        var token = created.GetProperty("token").GetString();
        Assert.Equal(app.Time.GetUtcNow().AddSeconds(60), created.GetProperty("expiresAt").GetDateTimeOffset());

        app.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous.GetRawAsync($"/api/preview/{token}")).Status);
        app.Time.Advance(TimeSpan.FromSeconds(1));
        var expired = await app.Anonymous.GetRawAsync($"/api/preview/{token}");
        Assert.Equal(HttpStatusCode.NotFound, expired.Status);
        Assert.Equal("application/problem+json", expired.Message.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, JsonDocument.Parse((await app.Admin.GetRawAsync(LinksUrl(id))).Body).RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task TamperedUnknownOrMalformedToken_AndDeletedArticle_Are404_AndDeletingTheArticleDeletesItsLinks()
    {
        var (id, _) = await CreateAsync(Admin, "doomed", "Doomed");
        var token = await CreateLinkAsync(id);
        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        foreach (var bad in new[] { tampered, "cmp_" + new string('x', 43), "garbage", token + "x", token.ToUpperInvariant() })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetRawAsync($"/api/preview/{Uri.EscapeDataString(bad)}")).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await Anonymous.GetRawAsync($"/api/preview/{token}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.SendAsync(HttpMethod.Delete, $"{ArticlesUrl}/{id}")).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetRawAsync($"/api/preview/{token}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetRawAsync(LinksUrl(id))).Status);
        await using var db = CreateDbContext();
        Assert.False(await db.PreviewLinks.AnyAsync());
    }

    [Theory]
    [InlineData("""{"expiresIn":59}""", "expiresIn")]
    [InlineData("""{"expiresIn":604801}""", "expiresIn")]
    [InlineData("""{"expiresIn":"soon"}""", "expiresIn")]
    [InlineData("""{"language":"xx"}""", "language")]
    [InlineData("""{"language":"zh-Hant"}""", "language")]
    [InlineData("""{"token":"cmp_mine"}""", "token")]
    public async Task InvalidRequest_Is400NamingTheField(string body, string field)
    {
        var (id, _) = await CreateAsync(Admin, "validated", "Validated");

        var (status, problem, _) = await Admin.SendAsync(HttpMethod.Post, LinksUrl(id), body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await using var db = CreateDbContext();
        Assert.False(await db.PreviewLinks.AnyAsync());
    }

    [Fact]
    public async Task Tokens_NeverAppearInAnyLogLine()
    {
        var capture = new CapturingLoggerProvider();
        await using var factory = CapturingLoggerProvider.Attach(Factory, capture);
        var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", CommentaryApiFactory.AdminKey);
        var anonymous = factory.CreateClient();
        var (id, _) = await CreateAsync(admin, "logged", "Logged");
        var token = await CreateLinkAsync(id, admin);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetRawAsync($"/api/preview/{token}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetRawAsync($"/api/preview/{token}?lang=x")).Status);
        await admin.GetRawAsync(LinksUrl(id));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"{LinksUrl(id)}/{token}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetRawAsync($"/api/preview/{token}")).Status);

        Assert.Contains(capture.Lines, line => line.Contains("/api/preview/cmp_[redacted]", StringComparison.Ordinal));
        Assert.DoesNotContain(capture.Lines, line => line.Contains(token["cmp_".Length..], StringComparison.Ordinal));
    }

    private async Task<string> CreateLinkAsync(string id, HttpClient? client = null)
    {
        var (status, created, _) = await (client ?? Admin).SendAsync(HttpMethod.Post, LinksUrl(id), new { });
        Assert.Equal(HttpStatusCode.Created, status);
        return created.GetProperty("token").GetString()!;
    }

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");
}
