using System.Net;
using Commentary.Api.Content;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Articles;

/// <summary>GET, PATCH and DELETE of one article, with the If-Match rules of every update.</summary>
public sealed class UpdateArticleTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("0190a000-0000-7000-8000-000000000000")]
    public async Task UnknownOrMalformedId_Returns404(string id)
    {
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("not_found", body.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Patch_ChangesMetadataAndAnswersNewETag()
    {
        await using (var db = CreateDbContext())
        {
            await SeedReferencesAsync(db);
        }

        var (id, etag) = await Admin.CreateArticleAsync();
        var (status, body, newETag) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", new { slug = "renamed", authors = new[] { "jane-doe" }, topics = new[] { "defence" } }, etag);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(etag, newETag);
        Assert.Equal("renamed", body.GetProperty("slug").GetString());
        Assert.Equal(newETag, await Admin.ETagOfAsync(id));

        // Replacing the lists keeps links that stay and drops the others.
        (status, body, _) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", new { authors = new[] { "jane-doe" }, topics = Array.Empty<string>() }, newETag);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("authors").GetArrayLength());
        Assert.Equal(0, body.GetProperty("topics").GetArrayLength());
    }

    [Fact]
    public async Task Patch_ChangingNothing_KeepsETag()
    {
        var (id, etag) = await Admin.CreateArticleAsync(slug: "same");
        var (status, _, newETag) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", new { slug = "same", authors = Array.Empty<string>() }, etag);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(etag, newETag);
    }

    [Fact]
    public async Task Patch_OriginalLanguageWithoutTranslation_Returns400()
    {
        var (id, etag) = await Admin.CreateArticleAsync();
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", new { originalLanguage = "zh-Hant" }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("originalLanguage", out _));
    }

    [Fact]
    public async Task Patch_OriginalLanguageWithTranslation_Switches()
    {
        var (id, etag) = await Admin.CreateArticleAsync();
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hant", new { title = "標題", body = "正文" });
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", new { originalLanguage = "zh-TW" }, etag);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("zh-Hant", body.GetProperty("originalLanguage").GetString());
    }

    [Fact]
    public async Task Patch_SlugOfAnotherArticle_Returns409()
    {
        await Admin.CreateArticleAsync(slug: "first");
        var (id, etag) = await Admin.CreateArticleAsync(slug: "second");
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", new { slug = "first" }, etag);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("slug_taken", body.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Patch_WithoutIfMatch_Returns428()
    {
        var (id, _) = await Admin.CreateArticleAsync();
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", new { slug = "renamed" });
        Assert.Equal((HttpStatusCode)428, status);
        Assert.Equal("precondition_required", body.GetProperty("errorCode").GetString());
    }

    [Theory]
    [InlineData("\"999\"")]
    [InlineData("W/\"1\"")]
    [InlineData("garbage")]
    public async Task Patch_StaleIfMatch_Returns412AndChangesNothing(string ifMatch)
    {
        var (id, etag) = await Admin.CreateArticleAsync(slug: "original-slug");
        var (status, _, _) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", new { slug = "renamed" }, ifMatch);

        Assert.Equal(HttpStatusCode.PreconditionFailed, status);
        var article = await Admin.GetArticleAsync(id);
        Assert.Equal("original-slug", article.GetProperty("slug").GetString());
        Assert.Equal(etag, await Admin.ETagOfAsync(id));
    }

    [Fact]
    public async Task Patch_UnknownProperty_Returns400()
    {
        var (id, etag) = await Admin.CreateArticleAsync();
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", """{"publishedAt":"2020-01-01T00:00:00Z"}""", etag);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("publishedAt", out _));
    }

    [Fact]
    public async Task Delete_SoftDeletes_FreesSlug_AndChecksIfMatchWhenSent()
    {
        var (id, etag) = await Admin.CreateArticleAsync(slug: "to-delete");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Admin.SendAsync(HttpMethod.Delete, $"{ArticlesUrl}/{id}", ifMatch: "\"42\"")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.SendAsync(HttpMethod.Delete, $"{ArticlesUrl}/{id}", ifMatch: etag)).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Delete, $"{ArticlesUrl}/{id}")).Status);
        await using var db = CreateDbContext();
        Assert.NotNull((await db.Articles.SingleAsync()).DeletedAt);
        await Admin.CreateArticleAsync(slug: "to-delete");
    }

    [Fact]
    public async Task TwoWritersWithSameETag_ExactlyOneWins()
    {
        var (id, etag) = await Admin.CreateArticleAsync(slug: "race");
        var first = await ClientForRoleAsync("editor");
        var second = await ClientForRoleAsync("editor");

        for (var round = 0; round < 5; round++)
        {
            var patch = first.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", new { slug = $"race-patch-{round}" }, etag);
            var put = second.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/en", new { title = $"Put {round}", body = "b" }, etag);
            var results = await Task.WhenAll(patch, put);

            var statuses = results.Select(r => r.Status).ToList();
            Assert.Single(statuses, HttpStatusCode.OK);
            Assert.Single(statuses, HttpStatusCode.PreconditionFailed);
            var article = await Admin.GetArticleAsync(id);
            if (results[0].Status == HttpStatusCode.OK)
            {
                Assert.Equal($"race-patch-{round}", article.GetProperty("slug").GetString());
                Assert.NotEqual($"Put {round}", article.Translation("en").GetProperty("title").GetString());
            }
            else
            {
                Assert.Equal($"Put {round}", article.Translation("en").GetProperty("title").GetString());
                Assert.NotEqual($"race-patch-{round}", article.GetProperty("slug").GetString());
            }

            etag = results.Single(r => r.Status == HttpStatusCode.OK).ETag!;
            Assert.Equal(etag, await Admin.ETagOfAsync(id));
        }
    }

    [Fact]
    public async Task TwoWritersPuttingOneTranslation_ExactlyOneWins()
    {
        var (id, etag) = await Admin.CreateArticleAsync();
        var first = await ClientForRoleAsync("translator");
        var second = await ClientForRoleAsync("translator");

        var results = await Task.WhenAll(
            first.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/en", new { title = "First", body = "b" }, etag),
            second.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/en", new { title = "Second", body = "b" }, etag));

        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.Single(results, r => r.Status == HttpStatusCode.PreconditionFailed);
        var winner = results[0].Status == HttpStatusCode.OK ? "First" : "Second";
        var en = (await Admin.GetArticleAsync(id)).Translation("en");
        Assert.Equal(winner, en.GetProperty("title").GetString());
        Assert.Equal(2, en.GetProperty("revision").GetInt32());
    }
}
