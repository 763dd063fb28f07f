using System.Net;
using Commentary.Api.Tests.Infrastructure;
using static Commentary.Api.Tests.Editorial.Preview.GetPreviewTests;
using static Commentary.Api.Tests.Editorial.Preview.PreviewTestClient;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Preview;

/// <summary>Publish takes the preview's ETag in If-Match, so an editor publishes exactly what they previewed.</summary>
public sealed class PublishWithPreviewETagTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task PreviewETag_StaysWhileTheClockMoves_AndPublishesThatLanguage()
    {
        await using var app = new FrozenClockApp(Factory);
        var (id, _) = await CreateAsync(app.Admin, "previewed", "Previewed title");
        var first = await app.Admin.GetRawAsync(PreviewUrl(id, "en"));
        app.Time.Advance(TimeSpan.FromMinutes(10));
        var later = await app.Admin.GetRawAsync(PreviewUrl(id, "en"));

        // The publication times are "now" in each body; the ETag leaves them out.
        Assert.NotEqual(first.Text, later.Text);
        Assert.Equal(first.ETag, later.ETag);
        Assert.Equal(HttpStatusCode.OK, await app.Admin.PublishAsync(id, first.ETag, "en"));
        Assert.Contains("Previewed title", (await app.Anonymous.GetRawAsync("/api/articles/previewed")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewETag_OfTheOnlyTranslation_AlsoAllowsPublishingAll()
    {
        var (id, _) = await CreateAsync(Admin, "only-one", "Only one language");
        var preview = await Admin.GetRawAsync(PreviewUrl(id));

        Assert.Equal(HttpStatusCode.OK, await Admin.PublishAsync(id, preview.ETag));
    }

    [Fact]
    public async Task StalePreviewETag_Returns412_AndPublishesNothing()
    {
        var (id, etag) = await CreateAsync(Admin, "stale", "Title seen in the preview");
        var preview = await Admin.GetRawAsync(PreviewUrl(id, "en"));
        Assert.Equal(HttpStatusCode.OK, (await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/en", new { title = "Title nobody previewed", body = "Changed" }, etag)).Status);

        Assert.Equal(HttpStatusCode.PreconditionFailed, await Admin.PublishAsync(id, preview.ETag, "en"));
        Assert.Equal(HttpStatusCode.PreconditionFailed, await Admin.PublishAsync(id, "W/" + preview.ETag, "en"));
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetRawAsync("/api/articles/stale")).Status);

        var fresh = await Admin.GetRawAsync(PreviewUrl(id, "en"));
        Assert.NotEqual(preview.ETag, fresh.ETag);
        Assert.Equal(HttpStatusCode.OK, await Admin.PublishAsync(id, fresh.ETag, "en"));
        Assert.Contains("Title nobody previewed", (await Anonymous.GetRawAsync("/api/articles/stale")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewETag_OfAnotherLanguage_OrForAPublishOfSeveral_Returns412()
    {
        var (id, etag) = await CreateAsync(Admin, "several", "English draft");
        Assert.Equal(HttpStatusCode.Created, (await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "简体草稿", body = "正文" }, etag)).Status);
        var english = await Admin.GetRawAsync(PreviewUrl(id, "en"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, await Admin.PublishAsync(id, english.ETag, "zh-Hans"));
        Assert.Equal(HttpStatusCode.PreconditionFailed, await Admin.PublishAsync(id, english.ETag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, await Admin.PublishAsync(id, english.ETag, "en", "zh-Hans"));
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetRawAsync("/api/articles/several")).Status);
        Assert.Equal(HttpStatusCode.OK, await Admin.PublishAsync(id, english.ETag, "en"));
        Assert.Contains("English draft", (await Anonymous.GetRawAsync("/api/articles/several?lang=zh-Hans")).Text, StringComparison.Ordinal);
    }
}
