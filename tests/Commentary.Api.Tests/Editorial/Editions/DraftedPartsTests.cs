using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commentary.Api.Tests.Infrastructure;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Editions;

/// <summary>Quotes, related links and metadata are drafts: readers see them only once an editor publishes.</summary>
public sealed class DraftedPartsTests(ApiFixture fixture) : ApiTest(fixture)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = CreateDbContext();
        await SeedReferencesAsync(db);
    }

    [Fact]
    public async Task TranslatorEmptiesTheQuotes_ReadersKeepThemUntilAnEditorPublishes()
    {
        var (id, etag) = await PublishedWithQuoteAsync("quoted");
        var translator = await ClientForRoleAsync("translator");

        var (status, managed, _) = await translator.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", Array.Empty<object>(), etag);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, managed.GetProperty("quotes").GetArrayLength());
        Assert.Equal(["quotes"], Names(managed.GetProperty("changedParts")));
        Assert.Equal("yue-gang", managed.GetProperty("published").GetProperty("quotes")[0].GetProperty("source").GetString());
        Assert.Equal(1, (await PublicAsync("quoted")).GetProperty("quotes").GetArrayLength());
        Assert.Equal(1, (await Anonymous.GetFromJsonAsync<JsonElement>("/api/articles?source=yue-gang")).GetProperty("items").GetArrayLength());

        var (published, after, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { }, await Admin.ETagOfAsync(id));

        Assert.Equal(HttpStatusCode.OK, published);
        Assert.Empty(Names(after.GetProperty("changedParts")));
        Assert.Equal(0, (await PublicAsync("quoted")).GetProperty("quotes").GetArrayLength());
        Assert.Equal(0, (await Anonymous.GetFromJsonAsync<JsonElement>("/api/articles?source=yue-gang")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task SlugAuthorsTopicsAndLinks_AreDraftsUntilPublished_ThenTheOldSlugRedirects()
    {
        var (targetId, _) = await Admin.CreateArticleAsync("Target", slug: "target");
        await PublishAsync(targetId);
        var (id, etag) = await PublishedWithQuoteAsync("before");

        (_, _, etag) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", new { slug = "after", authors = new[] { "jane-doe" }, topics = new[] { "defence" } }, etag);
        var (status, managed, _) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/related", new[] { new { article = "target" } }, etag);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("after", managed.GetProperty("slug").GetString());
        Assert.Equal("before", managed.GetProperty("published").GetProperty("slug").GetString());
        Assert.Equal(["slug", "authors", "topics", "related"], Names(managed.GetProperty("changedParts")));
        var page = await PublicAsync("before");
        Assert.Equal(0, page.GetProperty("authors").GetArrayLength());
        Assert.Equal(0, page.GetProperty("topics").GetArrayLength());
        Assert.DoesNotContain(page.GetProperty("related").EnumerateArray(), l => !l.GetProperty("suggested").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync("/api/articles/after")).StatusCode);
        Assert.Equal(0, (await Anonymous.GetFromJsonAsync<JsonElement>("/api/articles?topic=defence")).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await Anonymous.GetFromJsonAsync<JsonElement>("/api/articles?author=jane-doe")).GetProperty("items").GetArrayLength());

        await PublishAsync(id);

        page = await PublicAsync("after");
        Assert.Equal("jane-doe", page.GetProperty("authors")[0].GetProperty("slug").GetString());
        Assert.Equal("defence", page.GetProperty("topics")[0].GetProperty("slug").GetString());
        Assert.Equal("target", page.GetProperty("related")[0].GetProperty("slug").GetString());
        Assert.False(page.GetProperty("related")[0].GetProperty("suggested").GetBoolean());
        var moved = await Factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/api/articles/before");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.EndsWith("/api/articles/after", moved.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ADraftedSlug_IsTakenForOtherArticles()
    {
        var (id, etag) = await Admin.CreateArticleAsync("One", slug: "one");
        await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", new { slug = "wanted" }, etag);
        var (other, otherETag) = await Admin.CreateArticleAsync("Two", slug: "two");

        var (status, problem, _) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{other}", new { slug = "wanted" }, otherETag);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("wanted", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ASourceOnlyADraftQuotes_CannotBeDeleted()
    {
        var (id, etag) = await Admin.CreateArticleAsync("Drafted", slug: "drafted");
        await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", new[] { new { source = "yue-gang", text = new Dictionary<string, string> { ["en"] = "Words." } } }, etag);

        var response = await Admin.DeleteAsync("/api/manage/sources/yue-gang");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task PublishingOneLanguage_PublishesTheSharedPartsForEveryLanguage()
    {
        var (id, etag) = await PublishedWithQuoteAsync("shared");
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "标题", body = "正文。" }, etag);
        await PublishAsync(id);
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", Array.Empty<object>(), await Admin.ETagOfAsync(id));

        var (status, _, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { languages = new[] { "zh-Hans" } }, etag);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, (await PublicAsync("shared", "en")).GetProperty("quotes").GetArrayLength());
        Assert.Equal(0, (await PublicAsync("shared", "zh-Hans")).GetProperty("quotes").GetArrayLength());
    }

    internal static IReadOnlyList<string> Names(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    private async Task<(string Id, string ETag)> PublishedWithQuoteAsync(string slug)
    {
        var (id, etag) = await Admin.CreateArticleAsync("Quoted", slug: slug);
        var quotes = new[] { new { source = "yue-gang", text = new Dictionary<string, string> { ["en"] = "Routine." } } };
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", quotes, etag);
        return (id, await PublishAsync(id, etag));
    }

    private async Task<string> PublishAsync(string id, string? etag = null)
    {
        var (status, _, newETag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { }, etag ?? await Admin.ETagOfAsync(id));
        Assert.Equal(HttpStatusCode.OK, status);
        return newETag!;
    }

    private async Task<JsonElement> PublicAsync(string slug, string lang = "en")
    {
        var response = await Anonymous.GetAsync($"/api/articles/{slug}?lang={lang}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
