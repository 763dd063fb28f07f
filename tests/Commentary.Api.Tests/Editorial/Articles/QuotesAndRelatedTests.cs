using System.Net;
using Commentary.Api.Content;
using Commentary.Api.Tests.Infrastructure;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Articles;

public sealed class QuotesAndRelatedTests(ApiFixture fixture) : ApiTest(fixture)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = CreateDbContext();
        await SeedReferencesAsync(db);
    }

    [Fact]
    public async Task PutQuotes_ReplacesOrderedList()
    {
        var (id, etag) = await Admin.CreateArticleAsync();
        var translator = await ClientForRoleAsync("translator");
        var quotes = new object[]
        {
            new { source = "yue-gang", outlet = "global-times", text = new Dictionary<string, string> { ["en"] = "Routine.", ["zh-CN"] = "例行。" } },
            new { source = "global-times", text = new Dictionary<string, string> { ["en"] = "Second." } },
        };
        var (status, body, newETag) = await translator.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", quotes, etag);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(etag, newETag);
        Assert.Equal("yue-gang", body.GetProperty("quotes")[0].GetProperty("source").GetString());
        Assert.Equal("global-times", body.GetProperty("quotes")[0].GetProperty("outlet").GetString());
        Assert.Equal("例行。", body.GetProperty("quotes")[0].GetProperty("text").GetProperty("zh-Hans").GetString());

        (status, body, _) = await translator.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", new[] { quotes[1] }, newETag);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("quotes").GetArrayLength());
    }

    [Theory]
    [InlineData("""[{"source":"nobody","text":{"en":"x"}}]""", "[0].source")]
    [InlineData("""[{"source":"yue-gang","outlet":"yue-gang","text":{"en":"x"}}]""", "[0].outlet")]
    [InlineData("""[{"source":"yue-gang","text":{"fr":"x"}}]""", "[0].text")]
    [InlineData("""[{"source":"yue-gang","text":{"en":"a\u0000"}}]""", "[0].text")]
    [InlineData("""[{"source":"yue-gang","text":{}}]""", "[0].text")]
    public async Task PutQuotes_BadItem_Returns400NamingIt(string json, string field)
    {
        var (id, etag) = await Admin.CreateArticleAsync();
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", json, etag);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task PutRelated_AcceptsArticlesBySlugOrIdAndUrls()
    {
        var (targetId, _) = await Admin.CreateArticleAsync(slug: "target-one");
        await Admin.CreateArticleAsync(slug: "target-two");
        var (id, etag) = await Admin.CreateArticleAsync(slug: "source");
        var links = new object[] { new { article = "target-two" }, new { article = targetId }, new { url = "https://example.org/x", title = "Elsewhere" } };

        var (status, body, _) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/related", links, etag);

        Assert.Equal(HttpStatusCode.OK, status);
        var related = body.GetProperty("related");
        Assert.Equal("target-two", related[0].GetProperty("articleSlug").GetString());
        Assert.Equal(targetId, related[1].GetProperty("article").GetString());
        Assert.Equal("https://example.org/x", related[2].GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("""[{"url":"javascript:alert(1)","title":"x"}]""", "[0].url")]
    [InlineData("""[{"url":"/relative","title":"x"}]""", "[0].url")]
    [InlineData("""[{"url":"https://example.org"}]""", "[0].title")]
    [InlineData("""[{"article":"missing-article"}]""", "[0].article")]
    [InlineData("""[{"article":"source"}]""", "[0].article")]
    [InlineData("""[{"article":"x","url":"https://example.org","title":"t"}]""", "[0].article")]
    public async Task PutRelated_BadLink_Returns400(string json, string field)
    {
        var (id, etag) = await Admin.CreateArticleAsync(slug: "source");
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/related", json, etag);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task PutRelated_TooMany_Returns400()
    {
        var (id, etag) = await Admin.CreateArticleAsync();
        var links = Enumerable.Range(0, 51).Select(i => new { url = $"https://example.org/{i}", title = "t" }).ToArray();
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/related", links, etag)).Status);
    }

    [Fact]
    public async Task PutRelated_Translator_Returns403_AndWithoutIfMatch428()
    {
        var (id, _) = await Admin.CreateArticleAsync();
        var translator = await ClientForRoleAsync("translator");
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/related", "[]")).Status);
        Assert.Equal((HttpStatusCode)428, (await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/related", "[]")).Status);
    }

    [Fact]
    public async Task PutQuotes_OnPublishedArticle_IsADraft_ItsPublishRecordsAChangePerPublishedLanguage()
    {
        var (id, _) = await Admin.CreateArticleAsync();
        await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "简", body = "简" });
        await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hant", new { title = "繁", body = "繁" }, await Admin.ETagOfAsync(id));
        await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { languages = new[] { "en", "zh-Hans" } });
        await using var db = CreateDbContext();
        var before = db.ContentChanges.Count();

        var quotes = new[] { new { source = "yue-gang", text = new Dictionary<string, string> { ["en"] = "Routine." } } };
        Assert.Equal(HttpStatusCode.OK, (await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", quotes, await Admin.ETagOfAsync(id))).Status);
        Assert.Equal(before, db.ContentChanges.Count());

        // Publishing one language publishes the shared parts, which every published language shows.
        await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { languages = new[] { "zh-Hans" } });
        Assert.Equal(before + 2, db.ContentChanges.Count());
    }
}
