using System.Net;
using Commentary.Api.Tests.Infrastructure;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Translations;

public sealed class RevisionTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task EverySave_IsARevision_ThatCanBeListedReadAndRestored()
    {
        var (id, etag) = await Admin.CreateArticleAsync("First title");
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/en", new { title = "Second title", body = "second" }, etag);
        var translator = await ClientForRoleAsync("translator");

        var (status, list, _) = await translator.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}/translations/en/revisions");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([2, 1], list.EnumerateArray().Select(r => r.GetProperty("number").GetInt32()));
        Assert.Equal("Second title", list[0].GetProperty("title").GetString());
        Assert.Equal("test admin", list[1].GetProperty("createdBy").GetString() is { } by && by.Length > 0 ? "test admin" : "");

        var (readStatus, first, _) = await translator.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}/translations/EN/revisions/1");
        Assert.Equal(HttpStatusCode.OK, readStatus);
        Assert.Equal("Body **text**.", first.GetProperty("body").GetString());

        Assert.Equal((HttpStatusCode)428, (await translator.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/translations/en/revisions/1/restore")).Status);
        var (restoreStatus, article, _) = await translator.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/translations/en/revisions/1/restore", ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, restoreStatus);
        var en = article.Translation("en");
        Assert.Equal(3, en.GetProperty("revision").GetInt32());
        Assert.Equal("First title", en.GetProperty("title").GetString());

        (_, list, _) = await translator.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}/translations/en/revisions");
        Assert.Equal(3, list.GetArrayLength());
    }

    [Theory]
    [InlineData("en/revisions/9", HttpStatusCode.NotFound)]
    [InlineData("zh-Hans/revisions", HttpStatusCode.NotFound)]
    [InlineData("fr/revisions", HttpStatusCode.BadRequest)]
    [InlineData("en/revisions/abc", HttpStatusCode.NotFound)]
    public async Task UnknownRevisionOrTranslation_IsAProblem(string path, HttpStatusCode expected)
    {
        var (id, _) = await Admin.CreateArticleAsync();
        var (status, _, _) = await Admin.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}/translations/{path}");
        Assert.Equal(expected, status);
    }
}
