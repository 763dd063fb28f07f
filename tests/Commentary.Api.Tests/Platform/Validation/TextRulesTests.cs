using System.Net;
using System.Text.Json;
using Commentary.Api.Content.Articles;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Platform.Validation;

/// <summary>What stored text may hold, checked on the value as it will be stored.</summary>
public sealed class TextRulesTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Theory]
    [InlineData("Drills\u000Bbegin")]
    [InlineData("Drills\u0001begin")]
    [InlineData("Drills\u001Fbegin")]
    [InlineData("Drills\uFFFEbegin")]
    public async Task ControlCharactersXmlCannotCarry_AreRefused_InTitlesBodiesAndNames(string text)
    {
        await AssertRefusedAsync(ManageTestClient.ArticlesUrl, new { originalLanguage = "en", title = text, body = "x" }, "title");
        await AssertRefusedAsync(ManageTestClient.ArticlesUrl, new { originalLanguage = "en", title = "x", body = text }, "body");
        await AssertRefusedAsync("/api/manage/topics", new { name = new Dictionary<string, string> { ["en"] = text } }, "name");
    }

    [Theory]
    [InlineData("/api/search?q=a%EF%BF%BEb")]
    [InlineData("/api/manage/topics?q=a%EF%BF%BEb")]
    public async Task NoncharacterInAQuery_Is400_Not500(string url)
    {
        var response = await Admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TabsAndLineBreaks_AreKept()
    {
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Post, ManageTestClient.ArticlesUrl,
            new { originalLanguage = "en", title = "Drills begin", body = "Para one.\r\n\r\n\tIndented\nline." });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Contains("\tIndented", body.Translation("en").GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LengthIsCheckedAfterNormalization_WhichCanTripleIt()
    {
        // U+FB2C is one code point that NFC turns into three: 300 of them pass a raw check of 300 and store 900.
        var title = string.Concat(Enumerable.Repeat("\uFB2C", Translation.TitleMaxLength));
        await AssertRefusedAsync(ManageTestClient.ArticlesUrl, new { originalLanguage = "en", title, body = "x" }, "title");

        var fits = string.Concat(Enumerable.Repeat("\uFB2C", Translation.TitleMaxLength / 3));
        var (status, _, _) = await Admin.SendAsync(HttpMethod.Post, ManageTestClient.ArticlesUrl, new { originalLanguage = "en", title = fits, body = "x" });
        Assert.Equal(HttpStatusCode.Created, status);
    }

    private async Task AssertRefusedAsync(string url, object body, string field)
    {
        var (status, problem, _) = await Admin.SendAsync(HttpMethod.Post, url, body);
        Assert.True(status == HttpStatusCode.BadRequest, $"{url} {field}: {status} {problem}");
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)),
            $"the problem names {field}: {problem}");
    }
}
