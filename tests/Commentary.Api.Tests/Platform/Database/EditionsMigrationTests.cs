using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commentary.Api.Content;
using Commentary.Api.Platform.Database;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Platform.Database;

/// <summary>
/// The editions migration loses nothing. A database of its own is filled through the API (published, draft-only,
/// scheduled, unpublished and deleted articles, with quotes, links, authors and topics), every public response is
/// read, the database is migrated down to the schema before editions (whose rows readers were served from were
/// the draft) and up again, and every public response is read again from a fresh process: byte for byte the same.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class EditionsMigrationTests(ApiFixture fixture)
{
    private const string BeforeEditions = "20261203141634_AddPreviewLinks";

    [Fact]
    public async Task MigratingFromTheSchemaBeforeEditions_KeepsEveryPublicResponse_AndMakesEditionOne()
    {
        var connectionString = await fixture.Database.CreateDatabaseAsync($"editions_{Guid.NewGuid():N}");
        await MigrateAsync(connectionString, target: null);
        string[] urls;
        Dictionary<string, string> before;
        string draftOnly;
        await using (var app = AppOn(connectionString))
        {
            await app.EnsureAdminKeyAsync();
            var admin = app.ClientWithKey(CommentaryApiFactory.AdminKey);
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await SeedReferencesAsync(scope.ServiceProvider.GetRequiredService<CommentaryDbContext>());
            }

            draftOnly = await FillAsync(admin);
            var partner = app.ClientWithKey(await app.CreateKeyAsync("partner"));
            urls = PublicUrls();
            before = await ReadAllAsync(app.CreateClient(), partner, urls);
        }

        await MigrateAsync(connectionString, BeforeEditions);
        await MigrateAsync(connectionString, target: null);

        await using (var app = AppOn(connectionString))
        {
            var partner = app.ClientWithKey(await app.CreateKeyAsync("partner"));
            var after = await ReadAllAsync(app.CreateClient(), partner, urls);
            Assert.All(urls, url => Assert.Equal(before[url], after[url]));

            var admin = app.ClientWithKey(CommentaryApiFactory.AdminKey);
            var published = (await admin.GetFromJsonAsync<JsonElement>($"{ArticlesUrl}?status=published")).GetProperty("items");
            foreach (var article in published.EnumerateArray())
            {
                var editions = await admin.GetFromJsonAsync<JsonElement>($"{ArticlesUrl}/{article.GetProperty("id").GetString()}/editions");
                Assert.Equal(1, editions.GetArrayLength());
                Assert.True(editions[0].GetProperty("current").GetBoolean());
            }

            var draft = await admin.GetArticleAsync(draftOnly);
            Assert.Equal("yue-gang", draft.GetProperty("quotes")[0].GetProperty("source").GetString());
            Assert.Equal("jane-doe", draft.GetProperty("authors")[0].GetProperty("slug").GetString());
        }
    }

    /// <summary>Everything the schema before editions could hold; returns the id of the draft-only article.</summary>
    private static async Task<string> FillAsync(HttpClient admin)
    {
        var quotes = new[] { new { source = "yue-gang", outlet = "global-times", text = new Dictionary<string, string> { ["en"] = "Routine.", ["zh-Hans"] = "例行。" } } };
        async Task<(string Id, string ETag)> ArticleAsync(string slug, bool publish, string? linkTo = null)
        {
            var (id, etag) = await admin.CreateArticleAsync($"Title of {slug}", slug: slug);
            (_, _, etag) = await admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = $"标题 {slug}", body = "中俄联合演习。" }, etag);
            (_, _, etag) = await admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", new { authors = new[] { "jane-doe" }, topics = new[] { "defence" } }, etag);
            (_, _, etag) = await admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", quotes, etag);
            object[] related = linkTo is null ? [new { url = "https://example.org/more", title = "More" }] : [new { article = linkTo }, new { url = "https://example.org/more", title = "More" }];
            (_, _, etag) = await admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/related", related, etag);
            if (publish)
            {
                (var status, _, etag) = await admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { }, etag);
                Assert.Equal(HttpStatusCode.OK, status);
            }

            return (id, etag!);
        }

        await ArticleAsync("first-published", publish: true);
        var (renamed, etag) = await ArticleAsync("renamed-later", publish: true, linkTo: "first-published");
        (_, _, etag) = await admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{renamed}", new { slug = "renamed-now" }, etag);
        await admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{renamed}/publish", new { }, etag);
        var (draftOnly, _) = await ArticleAsync("draft-only", publish: false);
        var (scheduled, scheduledETag) = await ArticleAsync("scheduled", publish: false);
        await admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{scheduled}/publish", new { at = DateTimeOffset.UtcNow.AddDays(1).ToString("O") }, scheduledETag);
        var (unpublished, unpublishedETag) = await ArticleAsync("unpublished", publish: true);
        await admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{unpublished}/unpublish", null, unpublishedETag);
        var (deleted, deletedETag) = await ArticleAsync("deleted", publish: true);
        await admin.SendAsync(HttpMethod.Delete, $"{ArticlesUrl}/{deleted}", null, deletedETag);
        return draftOnly;
    }

    private static string[] PublicUrls()
    {
        string[] slugs = ["first-published", "renamed-later", "renamed-now", "draft-only", "scheduled", "unpublished", "deleted"];
        return
        [
            .. slugs.SelectMany(s => new[] { $"/api/articles/{s}", $"/api/articles/{s}?lang=zh-Hans", $"/api/articles/{s}?lang=zh-Hant", $"/api/articles/{s}/related" }),
            "/api/articles", "/api/articles?lang=zh-Hans", "/api/articles?topic=defence", "/api/articles?author=jane-doe", "/api/articles?source=yue-gang",
            "/api/search?q=title", "/api/search?q=%E8%81%94%E5%90%88", "/api/topics", "/api/topics/defence", "/api/authors/jane-doe",
            "/api/sources", "/api/sources/yue-gang", "/api/sources/global-times",
            "/feeds/en/rss.xml", "/feeds/en/atom.xml", "/feeds/zh-Hans/feed.json", "/sitemap.xml", "/sitemaps/1.xml",
            "partner:/api/partner/changes?limit=1000",
        ];
    }

    private static async Task<Dictionary<string, string>> ReadAllAsync(HttpClient anonymous, HttpClient partner, string[] urls)
    {
        var bodies = new Dictionary<string, string>();
        foreach (var url in urls)
        {
            var isPartner = url.StartsWith("partner:", StringComparison.Ordinal);
            using var response = await (isPartner ? partner : anonymous).GetAsync(isPartner ? url["partner:".Length..] : url);
            var text = await response.Content.ReadAsStringAsync();
            // The sync cursor encodes the database's transaction fence, which moves with any write; the changes must not.
            // A problem document's trace id is the request's own.
            bodies[url] = $"{(int)response.StatusCode} {response.Headers.Location} " +
                (isPartner ? JsonDocument.Parse(text).RootElement.GetProperty("changes").GetRawText() : TraceId().Replace(text, ""));
        }

        return bodies;
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex TraceId();

    private CommentaryApiFactory AppOn(string connectionString) => new(fixture.Database, connectionString);

    private static async Task MigrateAsync(string connectionString, string? target)
    {
        await using var db = new CommentaryDbContext(new DbContextOptionsBuilder<CommentaryDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .Options);
        await db.GetService<IMigrator>().MigrateAsync(target);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM article_renditions");
    }
}
