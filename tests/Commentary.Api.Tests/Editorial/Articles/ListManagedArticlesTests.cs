using System.Net;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Tests.Infrastructure;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Articles;

public sealed class ListManagedArticlesTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task Paging_WalksEveryArticleOnce()
    {
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await Admin.CreateArticleAsync($"Article {i}")).Id);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var url = cursor is null ? $"{ArticlesUrl}?limit=2" : $"{ArticlesUrl}?limit=2&cursor={Uri.EscapeDataString(cursor)}";
            var (status, page, _) = await Admin.SendAsync(HttpMethod.Get, url);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(created.AsEnumerable().Reverse(), seen);
    }

    [Fact]
    public async Task Filters_SelectMatchingArticles()
    {
        var draft = await Admin.CreateArticleAsync("Plain draft");
        var translated = await Admin.CreateArticleAsync("Translated 100% piece");
        var (status, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{translated.Id}/translations/zh-CN", new { title = "译文", body = "正文" });
        Assert.Equal(HttpStatusCode.Created, status);
        // A new revision of the original makes the zh-Hans translation outdated.
        (status, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{translated.Id}/translations/en", new { title = "Translated 100% piece", body = "new" }, etag);
        Assert.Equal(HttpStatusCode.OK, status);
        var published = await Admin.CreateArticleAsync("Published one");
        Assert.Equal(HttpStatusCode.OK, (await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{published.Id}/publish")).Status);

        Assert.Equal([published.Id], await IdsAsync("status=published"));
        Assert.Equal([translated.Id, draft.Id], await IdsAsync("status=draft"));
        Assert.Equal([translated.Id], await IdsAsync("lang=zh-Hans"));
        Assert.Equal([published.Id, draft.Id], await IdsAsync("missingLanguage=zh-CN"));
        Assert.Equal([translated.Id], await IdsAsync("outdated=true"));
        Assert.Equal([translated.Id], await IdsAsync("q=100%25"));
        Assert.Equal([published.Id], await IdsAsync("q=PUBLISHED"));
        Assert.Empty(await IdsAsync("q=%25%25"));
        Assert.Empty(await IdsAsync("q=_"));
        Assert.Empty(await IdsAsync("q=%5C"));
        Assert.Empty(await IdsAsync("q=%27%3B--"));
    }

    [Theory]
    [InlineData("status=archived")]
    [InlineData("status=1")]
    [InlineData("lang=fr")]
    [InlineData("missingLanguage=xx")]
    [InlineData("outdated=maybe")]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=abc")]
    [InlineData("limit=2147483648")]
    [InlineData("cursor=garbage")]
    [InlineData("q=a%00b")]
    public async Task BadFilter_Returns400(string query)
    {
        var (status, _, _) = await Admin.SendAsync(HttpMethod.Get, $"{ArticlesUrl}?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Translator_CanList()
    {
        await Admin.CreateArticleAsync();
        var translator = await ClientForRoleAsync(Roles.Translator);
        var (status, page, _) = await translator.SendAsync(HttpMethod.Get, ArticlesUrl);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
    }

    private async Task<List<string>> IdsAsync(string query)
    {
        var (status, page, _) = await Admin.SendAsync(HttpMethod.Get, $"{ArticlesUrl}?{query}");
        Assert.Equal(HttpStatusCode.OK, status);
        return page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();
    }
}
