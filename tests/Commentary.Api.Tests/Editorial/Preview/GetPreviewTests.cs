using System.Net;
using System.Text.Json;
using Commentary.Api.Platform.Http;
using Commentary.Api.Tests.Infrastructure;
using static Commentary.Api.Tests.Editorial.Preview.PreviewTestClient;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Preview;

public sealed class GetPreviewTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task NeverPublished_PreviewIsByteForByteThePublicPageAfterThePublish()
    {
        await using var app = new FrozenClockApp(Factory);
        await using (var db = CreateDbContext())
        {
            await SeedReferencesAsync(db);
        }

        await CreateAsync(app.Admin, "other", "Other piece on defence", publish: true, topics: ["defence"]);
        var (id, etag) = await CreateAsync(app.Admin, "drills", "China and Russia hold drills", authors: ["jane-doe"], topics: ["defence"]);
        var quotes = new[] { new { source = "yue-gang", outlet = "global-times", text = new Dictionary<string, string> { ["en"] = "A quoted sentence." } } };
        Assert.Equal(HttpStatusCode.OK, (await app.Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", quotes, etag)).Status);

        var preview = await app.Admin.GetRawAsync(PreviewUrl(id, "en"));
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Contains("A quoted sentence.", preview.Text, StringComparison.Ordinal);
        Assert.Contains("\"slug\":\"other\"", preview.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous.GetRawAsync("/api/articles/drills?lang=en")).Status);

        Assert.Equal(HttpStatusCode.OK, await app.Admin.PublishAsync(id, preview.ETag, "en"));

        var published = await app.Anonymous.GetRawAsync("/api/articles/drills?lang=en");
        Assert.Equal(preview.Text, published.Text);
        Assert.Equal(preview.Body, published.Body);
        Assert.Equal(ETags.ForContent(preview.Body), published.ETag);
        Assert.Equal(preview.Header("Content-Language"), published.Header("Content-Language"));
        await RenderAsync(app.App.Services);
        Assert.Equal(preview.Body, (await app.Anonymous.GetRawAsync("/api/articles/drills?lang=en")).Body);
    }

    [Fact]
    public async Task PublishedWithNewDraft_PreviewShowsTheDraft_PublicStaysAsItWas_ThenMatchesAfterPublish()
    {
        await using var app = new FrozenClockApp(Factory);
        var (id, etag) = await CreateAsync(app.Admin, "two-scripts", "Published English title");
        (_, _, etag) = await app.Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "已发布的标题", body = "正文" }, etag);
        Assert.Equal(HttpStatusCode.OK, await app.Admin.PublishAsync(id, etag));
        var publicHans = await app.Anonymous.GetRawAsync("/api/articles/two-scripts?lang=zh-Hans");
        var publicEn = await app.Anonymous.GetRawAsync("/api/articles/two-scripts?lang=en");
        app.Time.Advance(TimeSpan.FromHours(1));
        etag = await app.Admin.ETagOfAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await app.Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "草稿新标题", body = "新正文" }, etag)).Status);

        var preview = await app.Admin.GetRawAsync(PreviewUrl(id, "zh-Hans"));
        var previewEn = await app.Admin.GetRawAsync(PreviewUrl(id, "en"));

        Assert.Contains("草稿新标题", preview.Text, StringComparison.Ordinal);
        Assert.Contains("Published English title", preview.Text, StringComparison.Ordinal);
        // Other languages as they are published: the English preview's switcher still shows the published 简体 title.
        Assert.DoesNotContain("草稿新标题", previewEn.Text, StringComparison.Ordinal);
        Assert.Contains("已发布的标题", previewEn.Text, StringComparison.Ordinal);
        Assert.Equal(publicHans.Body, (await app.Anonymous.GetRawAsync("/api/articles/two-scripts?lang=zh-Hans")).Body);
        Assert.Equal(publicEn.Body, (await app.Anonymous.GetRawAsync("/api/articles/two-scripts?lang=en")).Body);

        Assert.Equal(HttpStatusCode.OK, await app.Admin.PublishAsync(id, null, "zh-Hans"));
        Assert.Equal(preview.Body, (await app.Anonymous.GetRawAsync("/api/articles/two-scripts?lang=zh-Hans")).Body);
    }

    [Fact]
    public async Task LangLeftOut_PreviewsTheOriginal_BadOrMissingLanguage_AndUnknownOrDeletedArticle_AreProblems()
    {
        var (id, etag) = await CreateAsync(Admin, "original-hans", "简体原文", language: "zh-Hans");
        Assert.Equal(HttpStatusCode.Created, (await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/en", new { title = "English version", body = "Body" }, etag)).Status);

        Assert.Equal("zh-Hans", Json(await Admin.GetRawAsync(PreviewUrl(id))).GetProperty("language").GetString());
        var english = Json(await Admin.GetRawAsync(PreviewUrl(id, "en-GB")));
        Assert.Equal("en", english.GetProperty("language").GetString());
        Assert.Equal("English version", english.GetProperty("title").GetString());

        var invalid = await Admin.GetRawAsync(PreviewUrl(id, "xx"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.True(Json(invalid).GetProperty("errors").TryGetProperty("lang", out _), invalid.Text);
        var missing = await Admin.GetRawAsync(PreviewUrl(id, "zh-Hant"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Contains("zh-Hant", Json(missing).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetRawAsync(PreviewUrl("0190a000-0000-7000-8000-000000000000"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetRawAsync(PreviewUrl("not-an-id"))).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.SendAsync(HttpMethod.Delete, $"{ArticlesUrl}/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetRawAsync(PreviewUrl(id))).Status);
    }

    [Fact]
    public async Task Roles_AnonymousIs401_PartnerIs403_TranslatorMayPreviewButNotCreateLinks_EditorMay()
    {
        var (id, _) = await CreateAsync(Admin, "roles", "Roles");
        var translator = await ClientForRoleAsync("translator");
        var editor = await ClientForRoleAsync("editor");

        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous.GetRawAsync(PreviewUrl(id))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await ClientForRoleAsync("partner")).GetRawAsync(PreviewUrl(id))).Status);
        Assert.Equal(HttpStatusCode.OK, (await translator.GetRawAsync(PreviewUrl(id))).Status);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetRawAsync(PreviewUrl(id))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.SendAsync(HttpMethod.Post, LinksUrl(id), new { })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.GetRawAsync(LinksUrl(id))).Status);
        Assert.Equal(HttpStatusCode.Created, (await editor.SendAsync(HttpMethod.Post, LinksUrl(id), new { })).Status);
    }

    internal static async Task<(string Id, string ETag)> CreateAsync(
        HttpClient client, string slug, string title, bool publish = false, string language = "en", string[]? authors = null, string[]? topics = null)
    {
        var (status, body, etag) = await client.SendAsync(HttpMethod.Post, ArticlesUrl, new
        {
            slug, originalLanguage = language, title, summary = $"Summary of {title}", body = $"Body of **{title}**.", authors, topics,
        });
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        var id = body.GetProperty("id").GetString()!;
        if (publish)
        {
            Assert.Equal(HttpStatusCode.OK, await client.PublishAsync(id, etag));
            etag = await client.ETagOfAsync(id);
        }

        return (id, etag!);
    }

    private static JsonElement Json(RawResponse response) => JsonDocument.Parse(response.Body).RootElement;
}
