using System.Net;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Tests.Infrastructure;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Partners.Sync;

/// <summary>
/// A page shows the titles and slugs of the articles it links to: when one of them is retitled, renamed or
/// unpublished, the linking page is sent to partners again, so their copy never keeps the old title.
/// </summary>
public sealed class LinkedArticleChangesTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task RetitlingOrUnpublishingALinkedArticle_ResendsTheArticlesThatLinkToIt()
    {
        var (target, targetETag) = await Admin.CreateArticleAsync("Old target title", slug: "target");
        targetETag = await PublishAsync(target, targetETag);
        var (linking, linkingETag) = await Admin.CreateArticleAsync("Linking", slug: "linking");
        (_, _, linkingETag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{linking}/related", new[] { new { article = "target" } }, linkingETag);
        await PublishAsync(linking, linkingETag);
        var feed = new PartnerFeed(await ClientForRoleAsync(Roles.Partner));
        await feed.DrainAsync();

        (_, _, targetETag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{target}/translations/en", new { title = "New target title", body = "Body." }, targetETag);
        (_, _, targetETag) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{target}", new { slug = "target-renamed" }, targetETag);
        Assert.Empty(await feed.DrainAsync());
        targetETag = await PublishAsync(target, targetETag);

        var changes = await feed.DrainAsync();
        var resent = Assert.Single(changes, c => c.ArticleId == linking);
        Assert.Equal("upsert", resent.Type);
        var link = Assert.Single(resent.Article!.Related, r => !r.Suggested);
        Assert.Equal("New target title", link.Title);
        Assert.Equal("target-renamed", link.Slug);

        var (unpublished, _, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{target}/unpublish", null, targetETag);
        Assert.Equal(HttpStatusCode.OK, unpublished);
        changes = await feed.DrainAsync();
        resent = Assert.Single(changes, c => c.ArticleId == linking);
        Assert.DoesNotContain(resent.Article!.Related, r => r.Slug == "target-renamed");
    }

    private async Task<string> PublishAsync(string id, string? etag)
    {
        var (status, _, newETag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { }, etag);
        Assert.Equal(HttpStatusCode.OK, status);
        return newETag!;
    }
}
