using System.Net;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Editorial.Taxonomy;

/// <summary>POST /api/manage/{taxonomy}/{slug}/convert and /api/manage/{taxonomy}/convert: a missing script filled by conversion.</summary>
public sealed class TaxonomyConversionTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task ConvertOne_FillsTheMissingScripts_KeepsWhatIsWritten_AndMovesTheETag()
    {
        var (status, _, etag) = await Admin.SendAsync(HttpMethod.Post, "/api/manage/sources", new
        {
            slug = "wang-yi", kind = "person",
            name = new Dictionary<string, string> { ["en"] = "Wang Yi", ["zh-Hans"] = "王毅" },
            role = new Dictionary<string, string> { ["zh-Hant"] = "中國外交部長", ["zh-Hans"] = "外长" },
        });
        Assert.Equal(HttpStatusCode.Created, status);

        Assert.Equal((HttpStatusCode)428, (await Admin.SendAsync(HttpMethod.Post, "/api/manage/sources/wang-yi/convert")).Status);
        var (converted, body, newETag) = await Admin.SendAsync(HttpMethod.Post, "/api/manage/sources/wang-yi/convert", null, etag);
        Assert.Equal(HttpStatusCode.OK, converted);
        Assert.NotEqual(etag, newETag);
        Assert.Equal("王毅", body.GetProperty("name").GetProperty("zh-Hant").GetString());
        Assert.Equal("Wang Yi", body.GetProperty("name").GetProperty("en").GetString());
        Assert.Equal("外长", body.GetProperty("role").GetProperty("zh-Hans").GetString());

        // Nothing left to fill: the ETag stays.
        var (_, _, sameETag) = await Admin.SendAsync(HttpMethod.Post, "/api/manage/sources/wang-yi/convert", null, newETag);
        Assert.Equal(newETag, sameETag);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Post, "/api/manage/sources/nobody/convert", null, etag)).Status);
    }

    [Fact]
    public async Task ConvertAll_FillsEveryTerm_BothDirections_WithTheGlossary()
    {
        await Admin.SendAsync(HttpMethod.Post, "/api/manage/glossary", new { term = "台湾", from = "zh-Hans", replacement = "台灣" });
        await Admin.SendAsync(HttpMethod.Post, "/api/manage/topics", new
        {
            slug = "taiwan", name = new Dictionary<string, string> { ["zh-Hans"] = "台湾问题" },
            description = new Dictionary<string, string> { ["zh-Hant"] = "兩岸關係" },
        });
        await Admin.SendAsync(HttpMethod.Post, "/api/manage/topics", new { slug = "defence", name = new Dictionary<string, string> { ["zh-Hant"] = "國防" } });
        await Admin.SendAsync(HttpMethod.Post, "/api/manage/topics", new { slug = "economy", name = new Dictionary<string, string> { ["en"] = "Economy" } });
        var translator = await ClientForRoleAsync("translator");
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.SendAsync(HttpMethod.Post, "/api/manage/topics/convert")).Status);

        var (status, result, _) = await Admin.SendAsync(HttpMethod.Post, "/api/manage/topics/convert");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, result.GetProperty("converted").GetInt32());
        Assert.Equal(3, result.GetProperty("terms").GetInt32());

        var (_, taiwan, _) = await Admin.SendAsync(HttpMethod.Get, "/api/manage/topics/taiwan");
        Assert.Equal("台灣問題", taiwan.GetProperty("name").GetProperty("zh-Hant").GetString());
        Assert.Equal("两岸关系", taiwan.GetProperty("description").GetProperty("zh-Hans").GetString());
        var (_, defence, _) = await Admin.SendAsync(HttpMethod.Get, "/api/manage/topics/defence");
        Assert.Equal("国防", defence.GetProperty("name").GetProperty("zh-Hans").GetString());
        var (_, economy, _) = await Admin.SendAsync(HttpMethod.Get, "/api/manage/topics/economy");
        Assert.False(economy.GetProperty("name").TryGetProperty("zh-Hans", out _));
    }

    [Fact]
    public async Task ConvertAll_OnAuthors_RecordsAChangeForPublishedArticlesShowingThem()
    {
        await Admin.SendAsync(HttpMethod.Post, "/api/manage/authors", new { slug = "li-ming", name = new Dictionary<string, string> { ["en"] = "Li Ming", ["zh-Hans"] = "李明" } });
        var (status, created, etag) = await Admin.SendAsync(HttpMethod.Post, ManageTestClient.ArticlesUrl,
            new { originalLanguage = "zh-Hans", title = "标题", body = "正文", authors = new[] { "li-ming" } });
        Assert.Equal(HttpStatusCode.Created, status);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await Admin.SendAsync(HttpMethod.Post, $"{ManageTestClient.ArticlesUrl}/{id}/publish", null, etag)).Status);
        await using var db = CreateDbContext();
        var before = db.Set<Commentary.Api.Content.Journal.ContentChange>().Count(c => c.ArticleId == Guid.Parse(id));

        await Admin.SendAsync(HttpMethod.Post, "/api/manage/authors/convert");
        var (_, page, _) = await Anonymous.SendAsync(HttpMethod.Get, $"/api/authors/li-ming?lang=zh-Hant");
        Assert.Equal("李明", page.GetProperty("name").GetString());
        Assert.True(db.Set<Commentary.Api.Content.Journal.ContentChange>().Count(c => c.ArticleId == Guid.Parse(id)) > before);
    }
}
