using System.Net;
using Commentary.Api.Content;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Articles;

public sealed class CreateArticleTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task ValidRequest_Returns201WithLocationETagAndArticle()
    {
        await using (var db = CreateDbContext())
        {
            await SeedReferencesAsync(db);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, ArticlesUrl)
        {
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                originalLanguage = "en", title = "  China and Russia hold drills  ", summary = "Dek", body = "Body *md*", authors = new[] { "jane-doe" }, topics = new[] { "defence" },
            }),
        };
        using var response = await Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = body.GetProperty("id").GetString();
        Assert.Equal($"{ArticlesUrl}/{id}", response.Headers.Location!.ToString());
        Assert.Equal("china-and-russia-hold-drills", body.GetProperty("slug").GetString());
        Assert.Equal("draft", body.GetProperty("status").GetString());
        Assert.Equal("jane-doe", body.GetProperty("authors")[0].GetProperty("slug").GetString());
        Assert.Equal("defence", body.GetProperty("topics")[0].GetProperty("slug").GetString());
        var en = body.Translation("en");
        Assert.Equal("China and Russia hold drills", en.GetProperty("title").GetString());
        Assert.Equal("Body *md*", en.GetProperty("body").GetString());
        Assert.Equal(1, en.GetProperty("revision").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, en.GetProperty("published").ValueKind);

        var get = await Admin.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}");
        Assert.Equal(response.Headers.ETag!.ToString(), get.ETag);
    }

    [Fact]
    public async Task ChineseOnlyTitle_GetsFallbackSlug()
    {
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Post, ArticlesUrl, new { originalLanguage = "zh-CN", title = "中俄举行联合演习", body = "正文" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.StartsWith("article-", body.GetProperty("slug").GetString(), StringComparison.Ordinal);
        Assert.Equal("zh-Hans", body.GetProperty("originalLanguage").GetString());
    }

    [Fact]
    public async Task GeneratedSlugTaken_GetsSuffix()
    {
        await Admin.CreateArticleAsync("Same title");
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Post, ArticlesUrl, new { originalLanguage = "en", title = "Same title", body = "x" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("same-title-2", body.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task DuplicateSlug_Returns409NamingIt()
    {
        await Admin.CreateArticleAsync(slug: "taken");
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Post, ArticlesUrl, new { slug = "taken", originalLanguage = "en", title = "Other", body = "x" });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("slug_taken", body.GetProperty("errorCode").GetString());
        Assert.Contains("taken", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"originalLanguage":"en","title":"a\u0000b","body":"x"}""", "title")]
    [InlineData("""{"originalLanguage":"en","title":"ok","body":"x\u0000"}""", "body")]
    [InlineData("""{"originalLanguage":"fr","title":"ok","body":"x"}""", "originalLanguage")]
    [InlineData("""{"originalLanguage":"en","title":"ok","body":"x","slug":"Not A Slug"}""", "slug")]
    [InlineData("""{"originalLanguage":"en","title":"   ","body":"x"}""", "title")]
    [InlineData("""{"originalLanguage":"en","title":"ok","body":"x","authors":["nobody"]}""", "authors[0]")]
    [InlineData("""{"originalLanguage":"en","title":"ok","body":"x","topics":["nothing"]}""", "topics[0]")]
    [InlineData("""{"originalLanguage":"en","title":"ok","body":"x","id":"0190a000-0000-7000-8000-000000000000"}""", "id")]
    [InlineData("""{"originalLanguage":"en","title":"ok","body":"x","status":"published"}""", "status")]
    [InlineData("""{"originalLanguage":"en","title":"\ud800","body":"x"}""", "title")]
    public async Task BadInput_Returns400NamingField(string json, string field)
    {
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Post, ArticlesUrl, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
        await using var db = CreateDbContext();
        Assert.False(await db.Articles.AnyAsync());
    }

    [Fact]
    public async Task TitleAtMaxCodePoints_IsStoredExactly_AndOneMoreIs400()
    {
        var title = string.Concat(Enumerable.Repeat("😀𠀀", 150));
        var (ok, body, _) = await Admin.SendAsync(HttpMethod.Post, ArticlesUrl, new { originalLanguage = "en", title, body = "x" });
        Assert.Equal(HttpStatusCode.Created, ok);
        Assert.Equal(title, body.Translation("en").GetProperty("title").GetString());

        var (tooLong, problem, _) = await Admin.SendAsync(HttpMethod.Post, ArticlesUrl, new { originalLanguage = "en", title = title + "a", body = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
    }

    [Fact]
    public async Task MalformedJson_Returns400()
    {
        var (status, _, _) = await Admin.SendAsync(HttpMethod.Post, ArticlesUrl, """{"originalLanguage":"en", "title": """);
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task WrongContentType_Returns415()
    {
        using var response = await Admin.PostAsync(ArticlesUrl, new StringContent("title=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task BodyOverOneMebibyte_Returns413()
    {
        var json = $$"""{"originalLanguage":"en","title":"x","body":"{{new string('a', 1_100_000)}}"}""";
        var (status, _, _) = await Admin.SendAsync(HttpMethod.Post, ArticlesUrl, json);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }
}
