using System.Diagnostics;
using System.Net;
using Commentary.Api.Content;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Publishing;

public sealed class PublishArticleTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task PublishNow_ServesPublicly_AndDraftEditsStayPrivateUntilRepublished()
    {
        var (id, _) = await Admin.CreateArticleAsync("Published title", slug: "live");
        var (status, article, etag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("published", article.GetProperty("status").GetString());
        Assert.Equal(1, article.Translation("en").GetProperty("published").GetProperty("revision").GetInt32());

        var (publicStatus, publicArticle, _) = await Anonymous.SendAsync(HttpMethod.Get, "/api/articles/live");
        Assert.Equal(HttpStatusCode.OK, publicStatus);
        Assert.Contains("Published title", publicArticle.ToString(), StringComparison.Ordinal);

        (status, article, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/en", new { title = "Secret draft title", body = "draft" }, etag);
        Assert.Equal(HttpStatusCode.OK, status);
        var en = article.Translation("en");
        Assert.True(en.GetProperty("hasUnpublishedChanges").GetBoolean());
        Assert.Equal("Published title", en.GetProperty("published").GetProperty("title").GetString());
        (_, publicArticle, _) = await Anonymous.SendAsync(HttpMethod.Get, "/api/articles/live");
        Assert.DoesNotContain("Secret draft title", publicArticle.ToString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", ifMatch: "\"1\"")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", "{}", etag)).Status);
        (_, publicArticle, _) = await Anonymous.SendAsync(HttpMethod.Get, "/api/articles/live");
        Assert.Contains("Secret draft title", publicArticle.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishLanguages_PublishesOnlyThose()
    {
        var (id, _) = await Admin.CreateArticleAsync(slug: "partial");
        await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "简体", body = "简" });

        var (status, article, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { languages = new[] { "zh-CN" } });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, article.Translation("zh-Hans").GetProperty("published").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, article.Translation("en").GetProperty("published").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { languages = new[] { "zh-Hant" } })).Status);
    }

    [Fact]
    public async Task Unpublish_RemovesFromPublic_AndCancelsSchedule()
    {
        var (id, _) = await Admin.CreateArticleAsync(slug: "withdrawn");
        await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish");
        await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { at = DateTimeOffset.UtcNow.AddDays(1).ToString("O") });
        var translator = await ClientForRoleAsync("translator");
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/unpublish")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish")).Status);

        var (status, article, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/unpublish");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("draft", article.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, article.GetProperty("schedule").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.SendAsync(HttpMethod.Get, "/api/articles/withdrawn")).Status);
    }

    [Theory]
    [InlineData("2030-01-01T08:00:00")]
    [InlineData("2030-02-30T08:00:00Z")]
    [InlineData("9999-01-01T00:00:00Z")]
    [InlineData("2020-01-01T00:00:00Z")]
    [InlineData("tomorrow")]
    public async Task BadAt_Returns400(string at)
    {
        var (id, _) = await Admin.CreateArticleAsync();
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { at });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("at", out _), body.ToString());
        await using var db = CreateDbContext();
        Assert.Null((await db.Articles.SingleAsync()).ScheduledAt);
    }

    [Fact]
    public async Task Schedule_PublishesWhenDue()
    {
        var (id, _) = await Admin.CreateArticleAsync("Scheduled piece", slug: "scheduled");
        var at = DateTimeOffset.UtcNow.AddSeconds(2).ToOffset(TimeSpan.FromHours(8));

        var (status, article, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { at = at.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz") });

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("scheduled", article.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.SendAsync(HttpMethod.Get, "/api/articles/scheduled")).Status);

        var clock = Stopwatch.StartNew();
        HttpStatusCode publicStatus;
        do
        {
            await Task.Delay(250);
            (publicStatus, _, _) = await Anonymous.SendAsync(HttpMethod.Get, "/api/articles/scheduled");
        }
        while (publicStatus != HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(15));

        Assert.Equal(HttpStatusCode.OK, publicStatus);
        Assert.True(DateTimeOffset.UtcNow >= at);
        article = await Admin.GetArticleAsync(id);
        Assert.Equal("published", article.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, article.GetProperty("schedule").ValueKind);
    }

    [Fact]
    public async Task AtJustPassed_PublishesNow()
    {
        var (id, _) = await Admin.CreateArticleAsync();
        var (status, article, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { at = DateTimeOffset.UtcNow.AddSeconds(-10).ToString("O") });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("published", article.GetProperty("status").GetString());
    }
}
