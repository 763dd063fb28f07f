using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commentary.Api.Content;
using Commentary.Api.Editorial.Publishing;
using Commentary.Api.Tests.Editorial.Publishing;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Editions;

/// <summary>Every publish is an edition: listed, read, restored into the draft, redacted; schedules publish what was scheduled.</summary>
public sealed class EditionsTests(ApiFixture fixture) : ApiTest(fixture)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = CreateDbContext();
        await SeedReferencesAsync(db);
    }

    [Fact]
    public async Task EachPublish_IsANumberedEdition_AndLanguagesItDoesNotNameKeepTheirText()
    {
        var (id, etag) = await Admin.CreateArticleAsync("First title", slug: "editions");
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "第一", body = "正文。" }, etag);
        etag = await PublishAsync(id, etag, new { });
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/en", new { title = "Second title", body = "Body." }, etag);
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "第二", body = "正文。" }, etag);
        await PublishAsync(id, etag, new { languages = new[] { "en" } });

        var list = await Admin.GetFromJsonAsync<JsonElement>($"{ArticlesUrl}/{id}/editions");
        Assert.Equal([2, 1], list.EnumerateArray().Select(e => e.GetProperty("number").GetInt32()));
        Assert.True(list[0].GetProperty("current").GetBoolean());
        Assert.Equal(["en"], DraftedPartsTests.Names(list[0].GetProperty("languages")));
        Assert.Equal(2, list[0].GetProperty("revisions").GetProperty("en").GetInt32());
        Assert.Equal(1, list[0].GetProperty("revisions").GetProperty("zh-Hans").GetInt32());
        Assert.False(string.IsNullOrEmpty(list[0].GetProperty("publishedBy").GetString()));

        var second = await Admin.GetFromJsonAsync<JsonElement>($"{ArticlesUrl}/{id}/editions/2");
        Assert.Equal("Second title", second.GetProperty("texts").GetProperty("en").GetProperty("title").GetString());
        Assert.Equal("第一", second.GetProperty("texts").GetProperty("zh-Hans").GetProperty("title").GetString());
        Assert.Contains("<p>", second.GetProperty("texts").GetProperty("en").GetProperty("bodyHtml").GetString());
        Assert.Equal("editions", second.GetProperty("parts").GetProperty("slug").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"{ArticlesUrl}/{id}/editions/3")).StatusCode);
    }

    /// <summary>Deleting a published translation changes what readers see: a new edition records the languages left.</summary>
    [Fact]
    public async Task DeletingAPublishedTranslation_IsANewEditionOfTheLanguagesLeft()
    {
        var (id, etag) = await Admin.CreateArticleAsync("Kept", slug: "translation-deleted");
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "删除", body = "正文。" }, etag);
        etag = await PublishAsync(id, etag, new { });

        var (status, _, _) = await Admin.SendAsync(HttpMethod.Delete, $"{ArticlesUrl}/{id}/translations/zh-Hans", null, etag);
        Assert.Equal(HttpStatusCode.OK, status);

        var list = await Admin.GetFromJsonAsync<JsonElement>($"{ArticlesUrl}/{id}/editions");
        Assert.Equal([2, 1], list.EnumerateArray().Select(e => e.GetProperty("number").GetInt32()));
        Assert.True(list[0].GetProperty("current").GetBoolean());
        Assert.Empty(DraftedPartsTests.Names(list[0].GetProperty("languages")));
        var current = await Admin.GetFromJsonAsync<JsonElement>($"{ArticlesUrl}/{id}/editions/2");
        Assert.Equal(["en"], current.GetProperty("texts").EnumerateObject().Select(p => p.Name));
        Assert.Equal("translation-deleted", current.GetProperty("parts").GetProperty("slug").GetString());
        Assert.Equal("Kept", current.GetProperty("texts").GetProperty("en").GetProperty("title").GetString());
        var first = await Admin.GetFromJsonAsync<JsonElement>($"{ArticlesUrl}/{id}/editions/1");
        Assert.Equal(["en", "zh-Hans"], first.GetProperty("texts").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RestoringAnEdition_FillsTheDraftOnly()
    {
        var (id, etag) = await Admin.CreateArticleAsync("Old title", slug: "restored");
        etag = await PublishAsync(id, etag, new { });
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/en", new { title = "New title", body = "New body." }, etag);
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", new[] { new { source = "yue-gang", text = new Dictionary<string, string> { ["en"] = "Q." } } }, etag);
        etag = await PublishAsync(id, etag, new { });

        var translator = await ClientForRoleAsync("translator");
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/editions/1/restore", null, etag)).Status);
        var (status, managed, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/editions/1/restore", null, etag);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Old title", managed.Translation("en").GetProperty("title").GetString());
        Assert.Equal(0, managed.GetProperty("quotes").GetArrayLength());
        Assert.Equal(["quotes"], DraftedPartsTests.Names(managed.GetProperty("changedParts")));
        var page = await Anonymous.GetFromJsonAsync<JsonElement>("/api/articles/restored");
        Assert.Equal("New title", page.GetProperty("title").GetString());
        Assert.Equal(1, page.GetProperty("quotes").GetArrayLength());
    }

    [Fact]
    public async Task RedactingTheCurrentEdition_RemovesItsContentKeepsTheRecord_AndWithdrawsTheArticle()
    {
        var (id, etag) = await Admin.CreateArticleAsync("Taken down", slug: "redacted");
        etag = await PublishAsync(id, etag, new { });
        var editor = await ClientForRoleAsync("editor");
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/editions/1/redact", new { reason = "Court order" }, etag)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/editions/1/redact", new { reason = " " }, etag)).Status);

        var (status, managed, newETag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/editions/1/redact", new { reason = "Court order" }, etag);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("draft", managed.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync("/api/articles/redacted")).StatusCode);
        var edition = await Admin.GetFromJsonAsync<JsonElement>($"{ArticlesUrl}/{id}/editions/1");
        Assert.Equal(JsonValueKind.Null, edition.GetProperty("texts").ValueKind);
        Assert.Equal(JsonValueKind.Null, edition.GetProperty("parts").ValueKind);
        Assert.Equal("Court order", edition.GetProperty("redactionReason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/editions/1/restore", null, newETag)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/editions/1/redact", new { reason = "Again" }, newETag)).Status);
    }

    [Fact]
    public async Task ASchedule_PublishesWhatWasScheduled_LaterEditsStayInTheDraft()
    {
        var (id, etag) = await Admin.CreateArticleAsync("Scheduled title", slug: "scheduled");
        var (status, scheduled, newETag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { at = DateTimeOffset.UtcNow.AddHours(1).ToString("O") }, etag);
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.False(scheduled.GetProperty("schedule").GetProperty("differsFromDraft").GetBoolean());

        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/en", new { title = "Edited after scheduling", body = "Later." }, newETag);
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "之后", body = "之后。" }, etag);
        var (_, edited, _) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", new[] { new { source = "yue-gang", text = new Dictionary<string, string> { ["en"] = "Later." } } }, etag);
        Assert.True(edited.GetProperty("schedule").GetProperty("differsFromDraft").GetBoolean());

        await FireScheduleAsync();

        var page = await Anonymous.GetFromJsonAsync<JsonElement>("/api/articles/scheduled");
        Assert.Equal("Scheduled title", page.GetProperty("title").GetString());
        Assert.Equal(0, page.GetProperty("quotes").GetArrayLength());
        Assert.Equal("en", page.GetProperty("language").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Anonymous.GetAsync("/api/articles/scheduled?lang=zh-Hans")).StatusCode);
        Assert.DoesNotContain("之后", await Anonymous.GetStringAsync("/api/articles/scheduled?lang=zh-Hans"));
        var managed = await Admin.GetArticleAsync(id);
        Assert.Equal("Edited after scheduling", managed.Translation("en").GetProperty("title").GetString());
        Assert.True(managed.Translation("en").GetProperty("hasUnpublishedChanges").GetBoolean());
        Assert.Equal(["quotes"], DraftedPartsTests.Names(managed.GetProperty("changedParts")));
        Assert.Equal(JsonValueKind.Null, managed.GetProperty("schedule").ValueKind);
    }

    private async Task FireScheduleAsync()
    {
        await using (var db = CreateDbContext())
        {
            await db.Articles.Where(a => a.ScheduledAt != null).ExecuteUpdateAsync(a => a.SetProperty(x => x.ScheduledAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }

        await new ScheduledPublisher(Factory.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System,
            Options.Create(new SchedulingOptions()), NullLogger<ScheduledPublisher>.Instance).PublishDueAsync(CancellationToken.None);
        await ScheduledPublisherTests.WaitUntilNothingIsDueAsync(CreateDbContext);
    }

    private async Task<string> PublishAsync(string id, string? etag, object body)
    {
        var (status, _, newETag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", body, etag);
        Assert.Equal(HttpStatusCode.OK, status);
        return newETag!;
    }
}
