using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Commentary.Api.Access.Keys;
using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Editorial.Taxonomy;

/// <summary>
/// The behaviour sources, authors and topics share (they share their handlers too): each feature's test class derives
/// from this with its route, a valid body and a way to make an article refer to the entity.
/// </summary>
public abstract class TaxonomyCrudTests(ApiFixture fixture) : ApiTest(fixture)
{
    protected abstract string Route { get; }

    /// <summary>The noun in generated slugs ("source-1a2b3c4d").</summary>
    protected abstract string Noun { get; }

    /// <summary>A valid JSON body with <paramref name="name"/> as the name map (JSON text) and, when given, the slug.</summary>
    protected abstract string Body(string name, string? slug = null);

    /// <summary>Makes an article refer to the entity with <paramref name="id"/>, straight in the database.</summary>
    protected abstract void Reference(Article article, Guid id);

    [Fact]
    public async Task Create_Returns201WithLocationETagAndNames()
    {
        var response = await SendAsync(Admin, HttpMethod.Post, Route, Body("""{ "en": "Wang Yi", "zh-Hans": "王毅", "zh_TW": "王毅" }"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"{Route}/wang-yi", response.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        using var json = await ReadAsync(response);
        Assert.Equal("wang-yi", json.RootElement.GetProperty("slug").GetString());
        var name = json.RootElement.GetProperty("name");
        Assert.Equal("王毅", name.GetProperty("zh-Hant").GetString());
        Assert.Equal(3, name.EnumerateObject().Count());
    }

    [Fact]
    public async Task Create_ChineseOnlyName_GeneratesNounAndIdSlug()
    {
        var slug = await CreateAsync(Body("""{ "zh-Hant": "國務院" }"""));
        Assert.Matches($"^{Noun}-[0-9a-f]{{8}}$", slug);
    }

    [Fact]
    public async Task Create_DuplicateSlug_Returns409NamingIt()
    {
        await CreateAsync(Body("""{ "en": "First" }""", "same"));

        var response = await SendAsync(Admin, HttpMethod.Post, Route, Body("""{ "en": "Second" }""", "same"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var problem = await ReadAsync(response);
        Assert.Contains("'same'", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("slug_taken", problem.RootElement.GetProperty("errorCode").GetString());
    }

    [Theory]
    [InlineData("""{ "en": "a\u0000b" }""", "name")]
    [InlineData("""{ "en": "a\ud800b" }""", "name")]
    [InlineData("""{ "fr": "Bonjour" }""", "name")]
    [InlineData("""{ }""", "name")]
    [InlineData("""{ "en": "   " }""", "name")]
    public async Task Create_BadName_Returns400NamingTheField(string name, string field)
    {
        var response = await SendAsync(Admin, HttpMethod.Post, Route, Body(name));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = await ReadAsync(response);
        Assert.True(json.RootElement.GetProperty("errors").EnumerateObject().Any(e => e.Name.StartsWith(field, StringComparison.Ordinal)),
            json.RootElement.ToString());
    }

    [Theory]
    [InlineData("Not A Slug")]
    [InlineData("a\u0000b")]
    public async Task Create_InvalidSlug_Returns400(string slug)
    {
        var response = await SendAsync(Admin, HttpMethod.Post, Route, Body("""{ "en": "x" }""", slug));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("slug", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_UnknownProperty_Returns400()
    {
        var body = Body("""{ "en": "x" }""").TrimEnd().TrimEnd('}') + """, "version": 7 }""";
        var response = await SendAsync(Admin, HttpMethod.Post, Route, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("version", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NameOfMaxCodePoints_RoundTrips_AndOneMoreIs400()
    {
        var longest = string.Concat(Enumerable.Repeat("𠀀", 200));
        var slug = await CreateAsync(Body($$"""{ "zh-Hant": "{{longest}}" }""", "long"));
        using var json = await ReadAsync(await Admin.GetAsync($"{Route}/{slug}"));
        Assert.Equal(longest, json.RootElement.GetProperty("name").GetProperty("zh-Hant").GetString());

        var response = await SendAsync(Admin, HttpMethod.Post, Route, Body($$"""{ "zh-Hant": "{{longest}}𠀀" }""", "longer"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task List_PagesBySlug_AndFiltersLiterally()
    {
        foreach (var slug in new[] { "a-one", "b-two", "c-100", "d-three" })
        {
            await CreateAsync(Body($$"""{ "en": "{{slug}} 100% sure" }""", slug));
        }

        using var first = await ReadAsync(await Admin.GetAsync($"{Route}?limit=3"));
        Assert.Equal(["a-one", "b-two", "c-100"], Slugs(first));
        var cursor = first.RootElement.GetProperty("nextCursor").GetString();
        using var second = await ReadAsync(await Admin.GetAsync($"{Route}?limit=3&cursor={Uri.EscapeDataString(cursor!)}"));
        Assert.Equal(["d-three"], Slugs(second));
        Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("nextCursor").ValueKind);

        using var percent = await ReadAsync(await Admin.GetAsync($"{Route}?q={Uri.EscapeDataString("100%")}"));
        Assert.Equal(4, Slugs(percent).Length);
        using var wildcard = await ReadAsync(await Admin.GetAsync($"{Route}?q=_"));
        Assert.Empty(Slugs(wildcard));
        using var bySlug = await ReadAsync(await Admin.GetAsync($"{Route}?q=TWO"));
        Assert.Equal(["b-two"], Slugs(bySlug));
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=101")]
    [InlineData("?limit=abc")]
    [InlineData("?cursor=forged")]
    [InlineData("?q=a%00b")]
    public async Task List_BadParameters_Return400(string query)
    {
        var response = await Admin.GetAsync(Route + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Get_Unknown_Returns404()
    {
        var response = await Admin.GetAsync($"{Route}/nobody");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Replace_NeedsCurrentIfMatch_AndBumpsVersion()
    {
        var slug = await CreateAsync(Body("""{ "en": "Before" }""", "subject"));
        var body = Body("""{ "en": "After" }""");

        Assert.Equal((HttpStatusCode)428, (await SendAsync(Admin, HttpMethod.Put, $"{Route}/{slug}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(Admin, HttpMethod.Put, $"{Route}/{slug}", body, "\"7\"")).StatusCode);

        var response = await SendAsync(Admin, HttpMethod.Put, $"{Route}/{slug}", body, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
        using var json = await ReadAsync(await Admin.GetAsync($"{Route}/{slug}"));
        Assert.Equal("After", json.RootElement.GetProperty("name").GetProperty("en").GetString());

        var stale = await SendAsync(Admin, HttpMethod.Put, $"{Route}/{slug}", Body("""{ "en": "Lost" }"""), "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var unchanged = await SendAsync(Admin, HttpMethod.Put, $"{Route}/{slug}", body, "\"2\"");
        Assert.Equal("\"2\"", unchanged.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Replace_ToTakenSlug_Returns409_AndRenameMovesIt()
    {
        await CreateAsync(Body("""{ "en": "Taken" }""", "taken"));
        var slug = await CreateAsync(Body("""{ "en": "Mine" }""", "mine"));

        var clash = await SendAsync(Admin, HttpMethod.Put, $"{Route}/{slug}", Body("""{ "en": "Mine" }""", "taken"), "\"1\"");
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);

        var renamed = await SendAsync(Admin, HttpMethod.Put, $"{Route}/{slug}", Body("""{ "en": "Mine" }""", "renamed"), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"{Route}/mine")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync($"{Route}/renamed")).StatusCode);
    }

    [Fact]
    public async Task Delete_WhileReferenced_Returns409InUse_ThenDeletesOnceFree()
    {
        var slug = await CreateAsync(Body("""{ "en": "Referenced" }""", "referenced"));
        using var json = await ReadAsync(await Admin.GetAsync($"{Route}/{slug}"));
        var id = json.RootElement.GetProperty("id").GetGuid();
        var article = new Article { Slug = "an-article", OriginalLanguage = "en", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        Reference(article, id);
        await using (var db = CreateDbContext())
        {
            db.Articles.Add(article);
            await db.SaveChangesAsync();
        }

        var refused = await Admin.DeleteAsync($"{Route}/{slug}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("in_use", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var db = CreateDbContext())
        {
            db.Articles.Remove(await db.Articles.FindAsync(article.Id) ?? throw new InvalidOperationException());
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(Admin, HttpMethod.Delete, $"{Route}/{slug}", null, "\"9\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(Admin, HttpMethod.Delete, $"{Route}/{slug}", null, "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"{Route}/{slug}")).StatusCode);
    }

    [Fact]
    public async Task EveryRoute_AnswersByRole()
    {
        var slug = await CreateAsync(Body("""{ "en": "Guarded" }""", "guarded"));
        var revoked = await Factory.CreateKeyAsync(Roles.Editor);
        await using (var db = CreateDbContext())
        {
            foreach (var key in db.ApiKeys.Where(k => k.Role == Roles.Editor))
            {
                key.RevokedAt = DateTimeOffset.UtcNow;
            }

            await db.SaveChangesAsync();
        }

        var cases = new (HttpClient Client, HttpStatusCode Expected)[]
        {
            (Anonymous, HttpStatusCode.Unauthorized),
            (Factory.ClientWithKey("cmk_not-a-real-key"), HttpStatusCode.Unauthorized),
            (Factory.ClientWithKey(revoked), HttpStatusCode.Unauthorized),
            (await ClientForRoleAsync(Roles.Translator), HttpStatusCode.Forbidden),
            (await ClientForRoleAsync(Roles.Partner), HttpStatusCode.Forbidden),
        };
        var malformed = Factory.CreateClient();
        malformed.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic Zm9vOmJhcg==");
        cases = [.. cases, (malformed, HttpStatusCode.Unauthorized)];

        foreach (var (client, expected) in cases)
        {
            foreach (var (method, url) in Routes(slug))
            {
                var response = await SendAsync(client, method, url, method == HttpMethod.Post || method == HttpMethod.Put ? Body("""{ "en": "x" }""") : null, "\"1\"");
                Assert.True(expected == response.StatusCode, $"{method} {url}: {response.StatusCode}, expected {expected}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        var editor = await ClientForRoleAsync(Roles.Editor);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync($"{Route}/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(editor, HttpMethod.Post, Route, Body("""{ "en": "By editor" }"""))).StatusCode);
    }

    protected IEnumerable<(HttpMethod, string)> Routes(string slug) =>
    [
        (HttpMethod.Post, Route), (HttpMethod.Get, Route), (HttpMethod.Get, $"{Route}/{slug}"),
        (HttpMethod.Put, $"{Route}/{slug}"), (HttpMethod.Delete, $"{Route}/{slug}"),
    ];

    protected async Task<string> CreateAsync(string body)
    {
        var response = await SendAsync(Admin, HttpMethod.Post, Route, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        using var json = await ReadAsync(response);
        return json.RootElement.GetProperty("slug").GetString()!;
    }

    protected static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? json, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return await client.SendAsync(request);
    }

    /// <summary><c>, "slug": "..."</c> for a body, or nothing; NUL is written as a JSON escape.</summary>
    protected static string SlugMember(string? slug) =>
        slug is null ? "" : $", \"slug\": \"{slug.Replace("\0", "\\u0000", StringComparison.Ordinal)}\"";

    protected static async Task<JsonDocument> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    private static string[] Slugs(JsonDocument page) =>
        [.. page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!)];
}
