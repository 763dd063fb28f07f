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

/// <summary>Defects found reviewing issue 11 (editions, drafted shared parts, frozen schedules).</summary>
public sealed class ReviewFindingsTests(ApiFixture fixture) : ApiTest(fixture)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = CreateDbContext();
        await SeedReferencesAsync(db);
    }

    private static readonly Dictionary<string, string> QuoteText = new() { ["en"] = "Routine." };

    /// <summary>
    /// A schedule records each language's revision number, and the scheduler finds that number among the revisions of
    /// whatever translation has the language when it fires. A translation deleted and created again after scheduling
    /// starts again at revision 1, so its new, never scheduled text goes out.
    /// </summary>
    [Fact]
    public async Task ASchedule_DoesNotPublishATranslationDeletedAndCreatedAgainAfterScheduling()
    {
        var (id, etag) = await Admin.CreateArticleAsync("Scheduled", slug: "recreated");
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "原来的标题", body = "原来的正文。" }, etag);
        (var scheduled, _, etag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { at = DateTimeOffset.UtcNow.AddHours(1).ToString("O") }, etag);
        Assert.Equal(HttpStatusCode.Accepted, scheduled);
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Delete, $"{ArticlesUrl}/{id}/translations/zh-Hans", null, etag);
        var (created, _, _) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "从未排定的标题", body = "从未排定的正文。" }, etag);
        Assert.True(created is HttpStatusCode.OK or HttpStatusCode.Created, $"creating the translation again answered {created}");

        await FireScheduleAsync();

        Assert.Equal(HttpStatusCode.OK, (await Anonymous.GetAsync("/api/articles/recreated")).StatusCode);
        Assert.DoesNotContain("从未排定", await Anonymous.GetStringAsync("/api/articles/recreated?lang=zh-Hans"));
    }

    /// <summary>The same case as the management API reports it: the schedule no longer publishes the current draft.</summary>
    [Fact]
    public async Task ASchedule_DiffersFromTheDraft_OnceATranslationIsDeletedAndCreatedAgain()
    {
        var (id, etag) = await Admin.CreateArticleAsync("Scheduled", slug: "recreated-flag");
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "原来", body = "原来。" }, etag);
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { at = DateTimeOffset.UtcNow.AddHours(1).ToString("O") }, etag);
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Delete, $"{ArticlesUrl}/{id}/translations/zh-Hans", null, etag);

        var (_, managed, _) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "后来", body = "后来。" }, etag);

        Assert.True(managed.GetProperty("schedule").GetProperty("differsFromDraft").GetBoolean());
    }

    /// <summary>
    /// A schedule freezes the drafted slug, but nothing reserves it: once the editor drafts another slug, a second
    /// article can be created with the scheduled one, and the scheduled publication then fails on the unique index
    /// every time it is retried.
    /// </summary>
    [Fact]
    public async Task AScheduledSlug_CannotBeTakenByAnotherArticle()
    {
        var (id, etag) = await Admin.CreateArticleAsync("Planned", slug: "planned-draft");
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", new { slug = "planned" }, etag);
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { at = DateTimeOffset.UtcNow.AddHours(1).ToString("O") }, etag);
        (_, _, _) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", new { slug = "replanned" }, etag);

        var (status, _, _) = await Admin.SendAsync(HttpMethod.Post, ArticlesUrl, new { slug = "planned", originalLanguage = "en", title = "Other", body = "Other." });

        Assert.Equal(HttpStatusCode.Conflict, status);
    }

    /// <summary>The consequence, when the slug is taken anyway: the scheduled publication never succeeds.</summary>
    [Fact]
    public async Task AScheduledPublication_IsNotBlockedForeverByASlugTakenAfterScheduling()
    {
        var (id, etag) = await Admin.CreateArticleAsync("Planned", slug: "planned-two-draft");
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", new { slug = "planned-two" }, etag);
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { at = DateTimeOffset.UtcNow.AddHours(1).ToString("O") }, etag);
        (_, _, _) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", new { slug = "replanned-two" }, etag);
        var (created, _, _) = await Admin.SendAsync(HttpMethod.Post, ArticlesUrl, new { slug = "planned-two", originalLanguage = "en", title = "Other", body = "Other." });

        await FireScheduleAsync();

        var managed = await Admin.GetArticleAsync(id);
        Assert.True(created == HttpStatusCode.Conflict || managed.GetProperty("status").GetString() == "published",
            $"create answered {created}; the scheduled article is {managed.GetProperty("status")} with schedule {managed.GetProperty("schedule")}");
    }

    /// <summary>
    /// Nothing in the database makes a slug unique across <c>slug</c> and <c>draft_slug</c> (two indexes), so a
    /// create racing a PATCH, or a schedule publishing a slug another article drafted since, leaves one article's draft
    /// slug equal to another's public slug. Publishing it then meets the unique index, and the publish endpoint answers
    /// 412 "someone else changed it" (SaveAsync is given no slug) instead of the 409 that names the slug.
    /// </summary>
    [Fact]
    public async Task PublishingADraftSlugThatAnotherArticleHoldsMeanwhile_Is409NotA412()
    {
        var (holder, holderETag) = await Admin.CreateArticleAsync("Holder", slug: "contested");
        var (status, _, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{holder}/publish", new { }, holderETag);
        Assert.Equal(HttpStatusCode.OK, status);
        var (id, _) = await Admin.CreateArticleAsync("Racer", slug: "racer");
        await using (var db = CreateDbContext())
        {
            // The state a PATCH of the draft slug racing with a create (or a schedule that fired) leaves behind.
            await db.Database.ExecuteSqlAsync($"UPDATE articles SET draft_parts = jsonb_set(draft_parts, '{{slug}}', '\"contested\"') WHERE id = {Guid.Parse(id)}");
        }

        var (published, problem, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { }, await Admin.ETagOfAsync(id));

        Assert.Equal(HttpStatusCode.Conflict, published);
        Assert.Contains("contested", problem.GetProperty("detail").GetString());
    }

    /// <summary>
    /// A schedule that fires copies its frozen parts into the published rows and, when the article has no draft of its
    /// own (null means "the draft is what readers see"), the draft silently becomes the scheduled parts. An editor who
    /// after scheduling put the parts back as they were published loses that edit: "later edits stay in the draft".
    /// </summary>
    [Fact]
    public async Task AScheduleThatFires_KeepsALaterEditThatRevertedThePartsToThePublishedOnes()
    {
        var quote = new[] { new { source = "yue-gang", text = QuoteText } };
        var (id, etag) = await Admin.CreateArticleAsync("Reverted", slug: "reverted");
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", quote, etag);
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { }, etag);
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", Array.Empty<object>(), etag);
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { at = DateTimeOffset.UtcNow.AddHours(1).ToString("O") }, etag);
        var (_, reverted, _) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", quote, etag);
        Assert.Equal(1, reverted.GetProperty("quotes").GetArrayLength());

        await FireScheduleAsync();

        Assert.Equal(0, (await Anonymous.GetFromJsonAsync<JsonElement>("/api/articles/reverted")).GetProperty("quotes").GetArrayLength());
        var managed = await Admin.GetArticleAsync(id);
        Assert.Equal(1, managed.GetProperty("quotes").GetArrayLength());
        Assert.Equal(["quotes"], DraftedPartsTests.Names(managed.GetProperty("changedParts")));
    }

    /// <summary>
    /// A term delete checks drafts by a text search with no lock, and drafts refer to terms by id in jsonb with no
    /// foreign key, so a delete racing a PATCH can leave a draft naming a deleted author (set here directly, as that
    /// race leaves it). Publishing it then violates the foreign key of <c>article_authors</c>, which no handler maps:
    /// a 500 instead of a problem the editor can act on.
    /// </summary>
    [Fact]
    public async Task PublishingADraftThatNamesADeletedAuthor_IsAProblemNotA500()
    {
        var (id, etag) = await Admin.CreateArticleAsync("Authored", slug: "authored");
        var (patched, _, newETag) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{id}", new { authors = new[] { "jane-doe" } }, etag);
        Assert.Equal(HttpStatusCode.OK, patched);
        await using (var db = CreateDbContext())
        {
            await db.Authors.Where(a => a.Slug == "jane-doe").ExecuteDeleteAsync();
        }

        var (status, _, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { }, newETag);

        Assert.NotEqual(HttpStatusCode.InternalServerError, status);
    }

    /// <summary>
    /// An edition records what readers were shown, yet its linked articles are shown by their unpublished draft slug
    /// (PartNames reads <c>draft_slug ?? slug</c> for every view, the published parts and old editions included).
    /// </summary>
    [Fact]
    public async Task AnEditionsLinkedArticle_IsShownByTheSlugReadersFollow_NotByItsDraftSlug()
    {
        var (target, targetETag) = await Admin.CreateArticleAsync("Target", slug: "link-target");
        (_, _, targetETag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{target}/publish", new { }, targetETag);
        var (id, etag) = await Admin.CreateArticleAsync("Linking", slug: "linking");
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/related", new[] { new { article = "link-target" } }, etag);
        (_, _, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { }, etag);
        (_, _, _) = await Admin.SendAsync(HttpMethod.Patch, $"{ArticlesUrl}/{target}", new { slug = "link-target-next" }, targetETag);

        var edition = await Admin.GetFromJsonAsync<JsonElement>($"{ArticlesUrl}/{id}/editions/1");
        var published = (await Admin.GetArticleAsync(id)).GetProperty("published");

        Assert.Equal("link-target", edition.GetProperty("parts").GetProperty("related")[0].GetProperty("articleSlug").GetString());
        Assert.Equal("link-target", published.GetProperty("related")[0].GetProperty("articleSlug").GetString());
    }

    /// <summary>Probes of the new endpoints with bad input and preconditions: none may answer 500.</summary>
    [Fact]
    public async Task EditionEndpoints_AnswerProblemsToBadInput_AndRequireIfMatch()
    {
        var (id, etag) = await Admin.CreateArticleAsync("Probed", slug: "probed");
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { }, etag);

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/editions/1/restore")).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/editions/1/restore", null, "\"999\"")).Status);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/editions/1/redact", new { reason = "x" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}/editions/99999999999")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}/editions/abc")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/editions/2147483647/restore", null, etag)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/not-a-guid/editions")).Status);
        foreach (var body in new[] { "", "null", "{}", "[]", "{\"reason\":null}", "{\"reason\":\"\\u0007\"}", "{\"reason\":5}", "{" })
        {
            var (status, _, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/editions/1/redact", body == "" ? null : body, etag);
            Assert.True(status == HttpStatusCode.BadRequest, $"redact with body '{body}' answered {(int)status}");
        }

        var (withNul, _, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/editions/1/redact", "{\"reason\":\"court\\u0000order\"}", etag);
        Assert.True(withNul is HttpStatusCode.BadRequest or HttpStatusCode.OK, $"a reason with NUL answered {(int)withNul}");
        if (withNul == HttpStatusCode.OK)
        {
            var edition = await Admin.GetFromJsonAsync<JsonElement>($"{ArticlesUrl}/{id}/editions/1");
            Assert.DoesNotContain('\0', edition.GetProperty("redactionReason").GetString()!);
        }
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
}
