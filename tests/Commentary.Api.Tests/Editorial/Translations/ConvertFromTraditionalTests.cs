using System.Net;
using Commentary.Api.Tests.Infrastructure;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Translations;

/// <summary>The 繁體 → 简体 direction of <see cref="ConvertTranslationTests"/>: convert, refresh, review, outdated.</summary>
public sealed class ConvertFromTraditionalTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task TraditionalSource_ConvertsRefreshesReviewsAndGoesOutdated()
    {
        var (status, created, etag) = await Admin.SendAsync(HttpMethod.Post, ArticlesUrl,
            new { originalLanguage = "zh-Hant", title = "軟體和滑鼠", body = "我們認為 `漢字`" });
        Assert.Equal(HttpStatusCode.Created, status);
        var id = created.GetProperty("id").GetString()!;

        var (_, article, _) = await ConvertTranslationTests.ConvertAsync(Admin, id, "zh-Hans", new { from = "zh-Hant", config = "tw2sp" }, etag);
        var hans = article.Translation("zh-Hans");
        Assert.Equal("软件和鼠标", hans.GetProperty("title").GetString());
        Assert.Equal("我们认为 `漢字`", hans.GetProperty("body").GetString());
        Assert.Equal("tw2sp", hans.GetProperty("conversion").GetProperty("config").GetString());

        // An edit of the source converts the unreviewed draft again, with the configuration it was made with.
        (_, article, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hant",
            new { title = "軟體", body = "發展中國家的滑鼠" }, await Admin.ETagOfAsync(id));
        hans = article.Translation("zh-Hans");
        Assert.Equal("发展中国家的鼠标", hans.GetProperty("body").GetString());
        Assert.True(hans.GetProperty("machineConverted").GetBoolean());
        Assert.Equal(2, hans.GetProperty("conversion").GetProperty("fromRevision").GetInt32());

        // A translator's save reviews it; the next source edit leaves its text and shows it outdated.
        var translator = await ClientForRoleAsync("translator");
        (_, _, etag) = await translator.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "软件", body = "发展中国家的鼠标！" }, etag);
        (_, article, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hant", new { title = "軟體", body = "頭髮" }, etag);
        hans = article.Translation("zh-Hans");
        Assert.Equal("发展中国家的鼠标！", hans.GetProperty("body").GetString());
        Assert.False(hans.GetProperty("machineConverted").GetBoolean());
        Assert.True(hans.GetProperty("outdated").GetBoolean());

        (_, article, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/translations/zh-Hans/mark-current", null, etag);
        Assert.False(article.Translation("zh-Hans").GetProperty("outdated").GetBoolean());
    }
}
