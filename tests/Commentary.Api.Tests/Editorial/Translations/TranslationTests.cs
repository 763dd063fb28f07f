using System.Net;
using Commentary.Api.Content;
using Commentary.Api.Tests.Infrastructure;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Translations;

/// <summary>PUT and DELETE of translations, outdated detection and mark-current.</summary>
public sealed class TranslationTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task Put_NewLanguageByAlias_Returns201AndStoresCanonicalTag()
    {
        var (id, _) = await Admin.CreateArticleAsync();
        var translator = await ClientForRoleAsync("translator");
        var (status, body, etag) = await translator.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-TW",
            new { title = " 中俄舉行演習 ", body = "正文 😀𠀀", translator = "Li", machineConverted = true });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.NotNull(etag);
        var zh = body.Translation("zh-Hant");
        Assert.Equal("中俄舉行演習", zh.GetProperty("title").GetString());
        Assert.Equal("正文 😀𠀀", zh.GetProperty("body").GetString());
        Assert.Equal("繁體", zh.GetProperty("label").GetString());
        Assert.True(zh.GetProperty("machineConverted").GetBoolean());
        Assert.Equal(1, zh.GetProperty("sourceRevision").GetInt32());
        Assert.False(zh.GetProperty("outdated").GetBoolean());
    }

    [Fact]
    public async Task Put_ExistingWithoutIfMatch_Returns428_AndStale412()
    {
        var (id, _) = await Admin.CreateArticleAsync();
        Assert.Equal((HttpStatusCode)428, (await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/en", new { title = "x", body = "y" })).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/en", new { title = "x", body = "y" }, "\"7\"")).Status);
        Assert.Equal(1, (await Admin.GetArticleAsync(id)).Translation("en").GetProperty("revision").GetInt32());
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("zh-Latn")]
    public async Task Put_UnknownLanguage_Returns400(string lang)
    {
        var (id, etag) = await Admin.CreateArticleAsync();
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/{lang}", new { title = "x", body = "y" }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("lang", out _));
    }

    [Theory]
    [InlineData("""{"title":"x","body":"a\u0000"}""", "body")]
    [InlineData("""{"title":"x","body":"\udc00\ud800"}""", "body")]
    [InlineData("""{"title":"x","body":"y","summary":"s\u0000"}""", "summary")]
    [InlineData("""{"title":"","body":"y"}""", "title")]
    [InlineData("""{"title":"x","body":"y","revision":3}""", "revision")]
    public async Task Put_BadText_Returns400NamingField(string json, string field)
    {
        var (id, etag) = await Admin.CreateArticleAsync();
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/en", json, etag);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
        Assert.Equal(etag, await Admin.ETagOfAsync(id));
    }

    [Fact]
    public async Task NewOriginalRevision_MakesTranslationsOutdated_UntilSavedOrMarkedCurrent()
    {
        var (id, _) = await Admin.CreateArticleAsync();
        var (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "简", body = "简" });
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hant", new { title = "繁", body = "繁" }, etag);
        var (status, article, newETag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/en", new { title = "Changed", body = "changed" }, etag);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(article.Translation("en").GetProperty("outdated").GetBoolean());
        Assert.True(article.Translation("zh-Hans").GetProperty("outdated").GetBoolean());
        Assert.True(article.Translation("zh-Hant").GetProperty("outdated").GetBoolean());

        (status, article, newETag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "简2", body = "简2" }, newETag);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(article.Translation("zh-Hans").GetProperty("outdated").GetBoolean());
        Assert.Equal(2, article.Translation("zh-Hans").GetProperty("sourceRevision").GetInt32());

        var translator = await ClientForRoleAsync("translator");
        Assert.Equal((HttpStatusCode)428, (await translator.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/translations/zh-Hant/mark-current")).Status);
        (status, article, _) = await translator.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/translations/zh-Hant/mark-current", ifMatch: newETag);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(article.Translation("zh-Hant").GetProperty("outdated").GetBoolean());
        Assert.Equal(1, article.Translation("zh-Hant").GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task Delete_OriginalLanguage_Returns409_OtherLanguageIsRemoved()
    {
        var (id, _) = await Admin.CreateArticleAsync();
        var (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "简", body = "简" });

        Assert.Equal(HttpStatusCode.Conflict, (await Admin.SendAsync(HttpMethod.Delete, $"{ArticlesUrl}/{id}/translations/en", ifMatch: etag)).Status);
        var translator = await ClientForRoleAsync("translator");
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.SendAsync(HttpMethod.Delete, $"{ArticlesUrl}/{id}/translations/zh-Hans", ifMatch: etag)).Status);
        var (status, article, _) = await Admin.SendAsync(HttpMethod.Delete, $"{ArticlesUrl}/{id}/translations/zh-CN", ifMatch: etag);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, article.GetProperty("translations").GetArrayLength());
    }

    [Fact]
    public async Task Delete_PublishedTranslation_LeavesPublicAndRecordsChange()
    {
        var (id, _) = await Admin.CreateArticleAsync(slug: "bilingual");
        await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "简体标题", body = "简" });
        Assert.Equal(HttpStatusCode.OK, (await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish")).Status);
        var etag = await Admin.ETagOfAsync(id);

        Assert.Equal(HttpStatusCode.OK, (await Admin.SendAsync(HttpMethod.Delete, $"{ArticlesUrl}/{id}/translations/zh-Hans", ifMatch: etag)).Status);

        var (_, publicArticle, _) = await Anonymous.SendAsync(HttpMethod.Get, "/api/articles/bilingual?lang=zh-Hans");
        Assert.DoesNotContain("简体标题", publicArticle.ToString(), StringComparison.Ordinal);
        await using var db = CreateDbContext();
        Assert.Equal(3, db.ContentChanges.Count());
    }
}
