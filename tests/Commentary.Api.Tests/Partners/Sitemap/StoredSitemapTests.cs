using System.Net;
using Commentary.Api.Content;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Partners.Sitemap;

/// <summary>The sitemap is built once per change of public content and served from that stored copy, never per request.</summary>
public sealed class StoredSitemapTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => _seed ??= ContentSeeder.OnWallClock(Factory.Services);
    private ContentSeeder? _seed;

    [Fact]
    public async Task StoredCopy_IsServedUntilTheChangeLogMoves()
    {
        var id = await Seed.SimpleAsync("stored", "Stored");
        Assert.Contains("/en/articles/stored<", await Anonymous.GetStringAsync("/sitemap.xml"), StringComparison.Ordinal);

        // Behind the journal's back (no content_changes row): a request that built the sitemap now would show it.
        await using (var db = CreateDbContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE articles SET slug = 'renamed-unseen' WHERE id = {id}");
        }

        Assert.Contains("/en/articles/stored<", await Anonymous.GetStringAsync("/sitemap.xml"), StringComparison.Ordinal);
        Assert.Contains("/en/articles/stored<", await Anonymous.GetStringAsync("/sitemaps/1.xml"), StringComparison.Ordinal);

        await Seed.SimpleAsync("another", "Another");
        var rebuilt = await Anonymous.GetStringAsync("/sitemap.xml");
        Assert.Contains("/en/articles/renamed-unseen<", rebuilt, StringComparison.Ordinal);
        Assert.Contains("/en/articles/another<", rebuilt, StringComparison.Ordinal);
    }

    /// <summary>
    /// An unpublish that took its change-log position before a later publish, and commits after a sitemap was built from
    /// that publish, still withdraws the article: the stored copy knows which transactions it saw, not the highest position.
    /// </summary>
    [Fact]
    public async Task UnpublishCommittingAfterALaterPublish_IsNeverHiddenByTheStoredCopy()
    {
        var slow = await Seed.SimpleAsync("slow-unpublish", "Slow");
        Assert.Contains("/slow-unpublish<", await Anonymous.GetStringAsync("/sitemap.xml"), StringComparison.Ordinal);

        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommentaryDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var article = await db.Articles.Include(a => a.Translations).SingleAsync(a => a.Id == slow);
        await scope.ServiceProvider.GetRequiredService<ArticlePublisher>().UnpublishAsync(article, DateTimeOffset.UtcNow, CancellationToken.None);
        await db.SaveChangesAsync();

        await Seed.SimpleAsync("fast-publish", "Fast");
        var during = await Anonymous.GetStringAsync("/sitemap.xml");
        Assert.Contains("/fast-publish<", during, StringComparison.Ordinal);
        Assert.Contains("/slow-unpublish<", during, StringComparison.Ordinal);

        await transaction.CommitAsync();
        var after = await Anonymous.GetStringAsync("/sitemap.xml");
        Assert.DoesNotContain("/slow-unpublish<", after, StringComparison.Ordinal);
        Assert.Contains("/fast-publish<", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexLinks_ComeFromTheConfiguredApiUrl_NeverFromHost()
    {
        await Seed.SimpleAsync("one", "One");
        await Seed.SimpleAsync("two", "Two");
        await using var app = Factory.WithWebHostBuilder(b => b
            .UseSetting("Commentary:Feeds:SitemapPageSize", "1").UseSetting("Commentary:Site:ApiUrl", "https://api.example.test/base/"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sitemap.xml");
        request.Headers.Host = "attacker.example";

        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var index = await response.Content.ReadAsStringAsync();
        Assert.Contains("<loc>https://api.example.test/base/sitemaps/1.xml</loc>", index, StringComparison.Ordinal);
        Assert.Contains("<loc>https://api.example.test/base/sitemaps/2.xml</loc>", index, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker", index, StringComparison.Ordinal);
    }
}
