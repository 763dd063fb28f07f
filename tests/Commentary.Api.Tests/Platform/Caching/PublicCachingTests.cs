using System.Net;
using System.Net.Http.Headers;
using Commentary.Api.Content;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Tests.Platform.Caching;

/// <summary>Validators (ETag, Last-Modified, 304), the server output cache, and its eviction on every content change.</summary>
public sealed class PublicCachingTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => _seed ??= new ContentSeeder(Factory.Services);
    private ContentSeeder? _seed;

    public static TheoryData<string> PublicUrls => new()
    {
        "/api/articles/a", "/api/articles", "/api/articles/a/related", "/api/search?q=alpha", "/api/topics", "/api/topics/t", "/api/authors/w", "/api/sources",
    };

    private async Task SeedAsync()
    {
        var topic = await Seed.TopicAsync("t", ContentSeeder.Text("T"));
        var author = await Seed.AuthorAsync("w", ContentSeeder.Text("W"));
        await Seed.SimpleAsync("a", "Alpha", topics: [topic.Id], authors: [author.Id]);
    }

    [Theory]
    [MemberData(nameof(PublicUrls))]
    public async Task EveryPublicGet_HasValidatorsAndAnswers304(string url)
    {
        await SeedAsync();

        var response = await Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Contains("public", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Accept-Language", response.Headers.Vary);

        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag);
        var notModified = await Anonymous.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task IfModifiedSince_Returns304()
    {
        await SeedAsync();
        var response = await Anonymous.GetAsync("/api/articles/a");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/articles/a");
        request.Headers.IfModifiedSince = response.Content.Headers.LastModified;

        Assert.Equal(HttpStatusCode.NotModified, (await Anonymous.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task CorsPreflightAndSimpleGet_AllowedFromAnyOrigin()
    {
        await SeedAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/articles/a");
        request.Headers.Add("Origin", "https://reader.example");

        var response = await Anonymous.SendAsync(request);

        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("ETag", response.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutputCache_ServesUntilEvicted_AndNeverForAuthorizedRequests()
    {
        await SeedAsync();
        Assert.Contains("Alpha", await Anonymous.GetStringAsync("/api/articles/a"), StringComparison.Ordinal);

        // A write that bypasses the app's DbContext (no interceptor) is invisible while the cached copy lives...
        await using (var db = CreateDbContext())
        {
            await db.Translations.ExecuteUpdateAsync(s => s.SetProperty(t => t.PublishedTitle, "Changed behind the cache"));
        }

        Assert.Contains("Alpha", await Anonymous.GetStringAsync("/api/articles/a"), StringComparison.Ordinal);
        // ... but a request with an Authorization header never reads (or fills) the shared cache.
        var authorized = await Admin.GetAsync("/api/articles/a");
        Assert.Contains("Changed behind the cache", await authorized.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("no-store", authorized.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_VisibleImmediately_Unpublish_404Immediately()
    {
        await SeedAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync("/api/articles/b")).StatusCode);
        Assert.DoesNotContain("\"b\"", await Anonymous.GetStringAsync("/api/articles"), StringComparison.Ordinal);

        var b = await Seed.SimpleAsync("b", "Bravo");

        Assert.Equal(HttpStatusCode.OK, (await Anonymous.GetAsync("/api/articles/b")).StatusCode);
        Assert.Contains("\"b\"", await Anonymous.GetStringAsync("/api/articles"), StringComparison.Ordinal);
        Assert.Contains("Bravo", await Anonymous.GetStringAsync("/api/search?q=bravo"), StringComparison.Ordinal);

        await Seed.UnpublishAsync(b);

        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync("/api/articles/b")).StatusCode);
        Assert.DoesNotContain("\"b\"", await Anonymous.GetStringAsync("/api/articles"), StringComparison.Ordinal);
        Assert.DoesNotContain("Bravo", await Anonymous.GetStringAsync("/api/search?q=bravo"), StringComparison.Ordinal);
        Assert.DoesNotContain("Bravo", await Anonymous.GetStringAsync("/api/articles/a/related"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ETag_ChangesWithContentAndLanguage()
    {
        var id = await Seed.SimpleAsync("a", "Alpha");
        var before = (await Anonymous.GetAsync("/api/articles/a")).Headers.ETag;
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/articles/a");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("zh-Hant"));
        var other = (await Anonymous.SendAsync(request)).Headers.ETag;

        await Seed.EditDraftAsync(id, "en", new("Alpha 2", null, "New"));
        await Seed.PublishAsync(id);
        var after = await Anonymous.GetAsync("/api/articles/a");

        Assert.NotEqual(before, other);
        Assert.NotEqual(before, after.Headers.ETag);
        Assert.Contains("Alpha 2", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceRename_EvictsAndChangesETagAndLastModified()
    {
        var source = await Seed.SourceAsync("yue", Commentary.Api.Content.Taxonomy.SourceKind.Person, ContentSeeder.Text("Yue Gang"));
        await Seed.ArticleAsync("a", "en", new Dictionary<string, Commentary.Api.Editorial.Workflow.TranslationContent> { ["en"] = new("A", null, "b") },
            quotes: [(source.Id, null, ContentSeeder.Text("Quote"))]);
        var before = await Anonymous.GetAsync("/api/articles/a");

        await Seed.WithDbAsync(async (db, _) =>
        {
            var stored = await db.Sources.SingleAsync(s => s.Slug == "yue");
            stored.Name = ContentSeeder.Text("Yue Gang (retired)");
            stored.UpdatedAt = Seed.Tick().AddYears(1);
            return 0;
        });
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/articles/a");
        request.Headers.IfModifiedSince = before.Content.Headers.LastModified;
        var after = await Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("Yue Gang (retired)", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }
}
