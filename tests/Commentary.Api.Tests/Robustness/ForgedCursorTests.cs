using System.Net;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Robustness;

/// <summary>
/// Cursors correctly signed but holding what no list writes: what someone holding the cursor key (a leaked or derived
/// one) can send. Each is a 400 naming <c>cursor</c>, never a 500 and never a silent first page.
/// </summary>
public sealed class ForgedCursorTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Theory]
    [InlineData("/api/manage/keys", "keys", new[] { "not-a-guid" })]
    [InlineData("/api/manage/glossary", "glossary", new[] { "term", "zh-Hans", "*", "not-a-guid" })]
    [InlineData("/api/manage/topics", "topic", new[] { "a\u0000b" })]
    [InlineData("/api/manage/glossary", "glossary", new[] { "a\u0000b", "zh-Hans", "*", "0196a000-0000-7000-8000-000000000000" })]
    [InlineData("/api/manage/articles", "managed-articles", new[] { "99999999999999999999", "not-a-guid" })]
    public async Task ForgedCursor_Is400NamingTheCursor(string url, string kind, string[] fields)
    {
        var cursor = Factory.Services.GetRequiredService<CursorCodec>().Encode([kind, .. fields]);
        var (status, problem, _) = await Admin.SendAsync(HttpMethod.Get, $"{url}?cursor={Uri.EscapeDataString(cursor)}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _), problem.ToString());
    }

    [Fact]
    public async Task ForgedPreviewLinksCursor_Is400()
    {
        var (status, created, _) = await Admin.SendAsync(HttpMethod.Post, ArticlesUrl, new { originalLanguage = "en", title = "T", body = "B" });
        Assert.Equal(HttpStatusCode.Created, status);
        var cursor = Factory.Services.GetRequiredService<CursorCodec>().Encode("preview-links", "not-a-guid");

        (status, _, _) = await Admin.SendAsync(HttpMethod.Get,
            $"{ArticlesUrl}/{created.GetProperty("id").GetString()}/preview-links?cursor={Uri.EscapeDataString(cursor)}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }
}
