using System.Net;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Delivery.Articles;

/// <summary>A published article's old slugs answer 301 to the current one, while it is public, and nobody else can take them.</summary>
public sealed class FormerSlugTests(ApiFixture fixture) : ApiTest(fixture)
{
    private HttpClient Reader => Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task RenamedPublishedArticle_OldSlugRedirectsToTheNewOne_WithTheQueryString()
    {
        var id = await PublishedArticleAsync("old-drills");
        await RenameAsync(id, "new-drills");

        var moved = await Reader.GetAsync("/api/articles/old-drills?lang=en");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal("/api/articles/new-drills?lang=en", moved.Headers.Location!.OriginalString);

        var related = await Reader.GetAsync("/api/articles/old-drills/related");
        Assert.Equal(HttpStatusCode.MovedPermanently, related.StatusCode);
        Assert.Equal("/api/articles/new-drills/related", related.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, (await Reader.GetAsync("/api/articles/new-drills")).StatusCode);
    }

    [Fact]
    public async Task EverySlugOfAChain_RedirectsToTheCurrentOne_AndTakingOneBackMakesItCurrent()
    {
        var id = await PublishedArticleAsync("first");
        await RenameAsync(id, "second");
        await RenameAsync(id, "third");

        Assert.Equal("/api/articles/third", (await Reader.GetAsync("/api/articles/first")).Headers.Location!.OriginalString);
        Assert.Equal("/api/articles/third", (await Reader.GetAsync("/api/articles/second")).Headers.Location!.OriginalString);

        await RenameAsync(id, "first");
        Assert.Equal(HttpStatusCode.OK, (await Reader.GetAsync("/api/articles/first")).StatusCode);
        Assert.Equal("/api/articles/first", (await Reader.GetAsync("/api/articles/third")).Headers.Location!.OriginalString);
        Assert.Equal("/api/articles/first", (await Reader.GetAsync("/api/articles/second")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task UnpublishedArticle_OldSlugIs404_AndRedirectsAgainOnceRepublished()
    {
        var id = await PublishedArticleAsync("was-here");
        await RenameAsync(id, "is-here");
        await ActAsync(id, "unpublish");

        Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync("/api/articles/was-here")).StatusCode);

        await ActAsync(id, "publish");
        Assert.Equal(HttpStatusCode.MovedPermanently, (await Reader.GetAsync("/api/articles/was-here")).StatusCode);
    }

    [Fact]
    public async Task NeverPublishedArticle_KeepsNoFormerSlug()
    {
        var (id, _) = await Admin.CreateArticleAsync(slug: "draft-name");
        await RenameAsync(id, "draft-renamed");
        await ActAsync(id, "publish");

        Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync("/api/articles/draft-name")).StatusCode);
        await Admin.CreateArticleAsync(slug: "draft-name");
    }

    [Fact]
    public async Task SlugThatStillRedirects_CannotBeTaken_AndTheConflictNamesItsHolder()
    {
        var id = await PublishedArticleAsync("held");
        await RenameAsync(id, "holder-now");

        var (created, body, _) = await Admin.SendAsync(HttpMethod.Post, ManageTestClient.ArticlesUrl, new { slug = "held", originalLanguage = "en", title = "Other", body = "x" });
        Assert.Equal(HttpStatusCode.Conflict, created);
        Assert.Equal(ErrorCodes.SlugTaken, body.GetProperty("errorCode").GetString());
        Assert.Contains(id, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("holder-now", body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (otherId, otherETag) = await Admin.CreateArticleAsync(slug: "other");
        var (patched, _, _) = await Admin.SendAsync(HttpMethod.Patch, $"{ManageTestClient.ArticlesUrl}/{otherId}", new { slug = "held" }, otherETag);
        Assert.Equal(HttpStatusCode.Conflict, patched);
    }

    [Fact]
    public async Task DeletingTheArticle_ReleasesItsFormerSlugs()
    {
        var id = await PublishedArticleAsync("to-release");
        await RenameAsync(id, "renamed-then-deleted");
        var (deleted, _, _) = await Admin.SendAsync(HttpMethod.Delete, $"{ManageTestClient.ArticlesUrl}/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted);

        Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync("/api/articles/to-release")).StatusCode);
        await Admin.CreateArticleAsync(slug: "to-release");
    }

    private async Task<string> PublishedArticleAsync(string slug)
    {
        var (id, _) = await Admin.CreateArticleAsync(slug: slug);
        await ActAsync(id, "publish");
        return id;
    }

    /// <summary>A slug change is a draft until it is published.</summary>
    private async Task RenameAsync(string id, string slug)
    {
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Patch, $"{ManageTestClient.ArticlesUrl}/{id}", new { slug }, await Admin.ETagOfAsync(id));
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        await ActAsync(id, "publish");
    }

    private async Task ActAsync(string id, string action)
    {
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Post, $"{ManageTestClient.ArticlesUrl}/{id}/{action}");
        Assert.True(status == HttpStatusCode.OK, $"{action}: {status} {body}");
    }
}
