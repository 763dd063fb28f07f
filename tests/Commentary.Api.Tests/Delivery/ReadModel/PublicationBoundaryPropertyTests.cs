using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Commentary.Api.Content;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Partners.Sync;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Tests.Infrastructure;
using Commentary.Api.Tests.Partners.Sync;

namespace Commentary.Api.Tests.Delivery.ReadModel;

/// <summary>
/// A seeded random walk of publish / unpublish / draft edit / delete over several articles and languages. Draft edits
/// change the text, or (through the management API, by a translator and an editor) the quotes, links, slug, topics and
/// authors, followed by a preview. After every step, every public endpoint shows exactly the published set, and a canary
/// word that only ever appears in drafts appears in no public response. The same holds for the feeds, the sitemap and a partner syncing from scratch, and text
/// that was public once (before an unpublish, a delete or a newer publish) is gone from all of them.
/// </summary>
public sealed class PublicationBoundaryPropertyTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const string Canary = "zqcanaryxv";
    private const string Common = "harbor";
    private static readonly string[] Languages = ["en", "zh-Hans", "zh-Hant"];

    private readonly HashSet<string> _retiredTitles = [];
    private HttpClient _partner = null!;
    private HttpClient _translator = null!;

    private sealed class Model(Guid id, string slug)
    {
        public Guid Id { get; } = id;
        public string Slug { get; } = slug;
        public Dictionary<string, string> PublishedTitles { get; } = [];
        public bool Deleted { get; set; }
        public bool IsPublic => !Deleted && PublishedTitles.Count > 0;
    }

    [Theory]
    [InlineData(42)]
    [InlineData(7)]
    public async Task RandomWalk_PublicEndpointsShowOnlyThePublishedSet(int seed)
    {
        var random = new Random(seed);
        // Its own sequence, so the walk's steps stay those of the seed: some steps are checked with fresh renditions,
        // the others right after a change, while the renditions it invalidated wait to be rebuilt.
        var rendering = new Random(seed);
        _partner = await ClientForRoleAsync(Roles.Partner);
        var content = new ContentSeeder(Factory.Services);
        var topic = await content.TopicAsync("walk", ContentSeeder.Text("Walk"));
        var author = await content.AuthorAsync("walker", ContentSeeder.Text("Walker"));
        var source = await content.SourceAsync("speaker", SourceKind.Person, ContentSeeder.Text("Speaker"));
        await content.TopicAsync("drafted", ContentSeeder.Text("Drafted"));
        _translator = await ClientForRoleAsync(Roles.Translator);
        var models = new List<Model>();
        for (var i = 0; i < 4; i++)
        {
            var slug = $"walk-{i}";
            var id = await content.ArticleAsync(slug, Languages[i % 3],
                Languages.ToDictionary(l => l, l => new TranslationContent($"Draft {slug} {l} {Canary}", Canary, $"{Common} {Canary} 草稿")),
                publish: [], topics: [topic.Id], authors: [author.Id], quotes: [(source.Id, null, ContentSeeder.Text($"said {i}"))]);
            models.Add(new Model(id, slug));
        }

        // A scheduled article is not public before the scheduler publishes it.
        await content.WithDbAsync(async (db, _) =>
        {
            var scheduled = await db.Articles.FindAsync(models[3].Id);
            scheduled!.ScheduledAt = content.Now.AddYears(10);
            return 0;
        });

        var stepsWithPublicContent = 0;
        for (var step = 0; step < 24; step++)
        {
            var model = models[random.Next(models.Count)];
            if (model.Deleted)
            {
                continue;
            }

            var language = Languages[random.Next(3)];
            switch (random.Next(10))
            {
                case < 4:
                    var title = $"Published {model.Slug} {language} {step}";
                    await DraftSharedPartsAsync(model, canary: null);
                    await content.EditDraftAsync(model.Id, language, new(title, "Summary", $"{Common} text {step} 港口新聞"));
                    await content.PublishAsync(model.Id, language);
                    Retire(model.PublishedTitles.GetValueOrDefault(language));
                    model.PublishedTitles[language] = title;
                    break;
                case < 6:
                    await content.EditDraftAsync(model.Id, language, new($"Edited {Canary}", Canary, $"{Common} {Canary}"));
                    break;
                case < 7:
                    await DraftSharedPartsAsync(model, Canary);
                    // A preview publishes the draft and takes it back: nothing of it may stay.
                    var preview = await _translator.GetAsync($"/api/manage/articles/{model.Id}/preview?lang={language}");
                    Assert.True(preview.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"step {step}: preview {preview.StatusCode}");
                    break;
                case < 9:
                    await content.UnpublishAsync(model.Id);
                    model.PublishedTitles.Values.ToList().ForEach(Retire);
                    model.PublishedTitles.Clear();
                    break;
                default:
                    await content.DeleteAsync(model.Id);
                    model.PublishedTitles.Values.ToList().ForEach(Retire);
                    model.Deleted = true;
                    break;
            }

            if (rendering.Next(2) == 0)
            {
                await RenderAsync();
            }

            await AssertPublicStateAsync(models, step);
            stepsWithPublicContent += models.Any(m => m.IsPublic) ? 1 : 0;
        }

        // The walk must exercise the interesting part: steps where something is public (and the rest hidden).
        Assert.True(stepsWithPublicContent > 5, $"only {stepsWithPublicContent} steps had public content");
    }

    private async Task AssertPublicStateAsync(IReadOnlyList<Model> models, int step)
    {
        var expected = models.Where(m => m.IsPublic).Select(m => m.Slug).Order().ToArray();
        var bodies = new List<string>();

        async Task<JsonElement> GetAsync(string url)
        {
            var response = await Anonymous.GetAsync(url);
            var text = await response.Content.ReadAsStringAsync();
            bodies.Add(text);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"step {step}: {url} -> {response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement;
        }

        static string[] Slugs(JsonElement page, Func<JsonElement, JsonElement> item) =>
            page.GetProperty("items").EnumerateArray().Select(i => item(i).GetProperty("slug").GetString()!).Distinct().Order().ToArray();

        Assert.Equal(expected, Slugs(await GetAsync("/api/articles?limit=100"), i => i));
        Assert.Equal(expected, Slugs(await GetAsync("/api/topics/walk?limit=100"), i => i));
        Assert.Equal(expected, Slugs(await GetAsync("/api/authors/walker?limit=100"), i => i));
        Assert.Equal(expected, Slugs(await GetAsync("/api/sources/speaker?limit=100"), i => i.GetProperty("article")));
        Assert.Equal(expected, Slugs(await GetAsync($"/api/search?q={Common}&limit=100"), i => i.GetProperty("article")));
        Assert.Empty(Slugs(await GetAsync($"/api/search?q={Canary}"), i => i.GetProperty("article")));
        Assert.Empty(Slugs(await GetAsync("/api/topics/drafted?limit=100"), i => i));
        Assert.Empty(Slugs(await GetAsync($"/api/search?q={Uri.EscapeDataString("草稿")}"), i => i.GetProperty("article")));

        foreach (var model in models)
        {
            foreach (var language in Languages)
            {
                var response = await Anonymous.GetAsync($"/api/articles/{model.Slug}?lang={language}");
                var text = await response.Content.ReadAsStringAsync();
                bodies.Add(text);
                if (!model.IsPublic)
                {
                    Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                    continue;
                }

                var article = JsonDocument.Parse(text).RootElement;
                var served = article.GetProperty("language").GetString()!;
                // A converted page shows the other script's published title, converted; never a draft.
                var converted = article.GetProperty("converted").GetBoolean();
                var expectedTitle = !converted ? model.PublishedTitles[served]
                    : served == "zh-Hant" ? Commentary.Text.ChineseConverter.Convert(model.PublishedTitles["zh-Hans"], Commentary.Text.ConversionConfig.S2TW)
                    : Commentary.Text.ChineseConverter.Convert(model.PublishedTitles["zh-Hant"], Commentary.Text.ConversionConfig.TW2S);
                Assert.Equal(expectedTitle, article.GetProperty("title").GetString());
                var alternates = article.GetProperty("alternates").EnumerateArray().ToList();
                Assert.Equal(model.PublishedTitles.Keys.Order().ToArray(),
                    alternates.Where(a => !a.GetProperty("converted").GetBoolean()).Select(a => a.GetProperty("language").GetString()!).Order().ToArray());
                Assert.All(alternates.Where(a => a.GetProperty("converted").GetBoolean()), a => Assert.DoesNotContain(a.GetProperty("language").GetString()!, model.PublishedTitles.Keys));
                Assert.All(article.GetProperty("related").EnumerateArray(), r => Assert.Contains(r.GetProperty("slug").GetString(), expected));
            }

            if (model.IsPublic)
            {
                Assert.All((await GetAsync($"/api/articles/{model.Slug}/related?limit=20")).GetProperty("items").EnumerateArray(),
                    r => Assert.Contains(r.GetProperty("slug").GetString(), expected));
            }
        }

        // Feeds, sitemap and a full sync cost a dozen requests: every third step keeps the suite fast and still sees each kind of change.
        if (step % 3 == 2)
        {
            await AssertFeedsSitemapAndSyncAsync(models, expected, bodies, step);
        }
        Assert.DoesNotContain(bodies, b => b.Contains(Canary, StringComparison.Ordinal) || b.Contains("草稿", StringComparison.Ordinal));
        foreach (var retired in _retiredTitles)
        {
            // "... en 3" must not match "... en 31".
            var pattern = new Regex(Regex.Escape(retired) + @"(?!\d)");
            Assert.DoesNotContain(bodies, b => pattern.IsMatch(b));
        }
    }

    /// <summary>
    /// Drafts quotes, links, slug, topics and authors: with <paramref name="canary"/> in every text and slug, or back to
    /// the clean parts a publish step shows.
    /// </summary>
    private async Task DraftSharedPartsAsync(Model model, string? canary)
    {
        var url = $"{ManageTestClient.ArticlesUrl}/{model.Id}";
        async Task SendAsync(HttpClient client, HttpMethod method, string path, object body)
        {
            var (status, problem, _) = await client.SendAsync(method, url + path, body, await Admin.ETagOfAsync(model.Id.ToString()));
            Assert.True(status == HttpStatusCode.OK, $"{method} {path}: {status} {problem}");
        }

        var text = new Dictionary<string, string> { ["en"] = canary is null ? $"said by {model.Slug}" : $"said {canary}" };
        await SendAsync(_translator, HttpMethod.Put, "/quotes", new[] { new { source = "speaker", text } });
        await SendAsync(Admin, HttpMethod.Put, "/related",
            canary is null ? Array.Empty<object>() : [new { url = $"https://example.org/{canary}", title = $"Read {canary}" }]);
        await SendAsync(Admin, HttpMethod.Patch, "", new
        {
            slug = canary is null ? model.Slug : $"{model.Slug}-{canary}",
            topics = canary is null ? new[] { "walk" } : ["walk", "drafted"],
            authors = new[] { "walker" },
        });
    }

    private void Retire(string? title)
    {
        if (title is not null)
        {
            _retiredTitles.Add(title);
        }
    }

    private async Task AssertFeedsSitemapAndSyncAsync(IReadOnlyList<Model> models, string[] expected, List<string> bodies, int step)
    {
        async Task<string> TextAsync(HttpClient client, string url)
        {
            var response = await client.GetAsync(url);
            var text = await response.Content.ReadAsStringAsync();
            bodies.Add(text);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"step {step}: {url} -> {response.StatusCode} {text}");
            return text;
        }

        foreach (var language in Languages)
        {
            foreach (var format in new[] { "rss.xml", "atom.xml", "feed.json" })
            {
                var feed = await TextAsync(Anonymous, $"/feeds/{language}/{format}");
                foreach (var model in models.Where(m => m.IsPublic && m.PublishedTitles.ContainsKey(language)))
                {
                    Assert.Contains(model.PublishedTitles[language], feed, StringComparison.Ordinal);
                }
            }
        }

        var sitemap = await TextAsync(Anonymous, "/sitemap.xml");
        var listed = models.Where(m => Regex.IsMatch(sitemap, $"/articles/{m.Slug}<")).Select(m => m.Slug).Order().ToArray();
        Assert.Equal(expected, listed);

        // A partner starting from scratch gets exactly the published translations, with their published titles.
        var mirror = new Dictionary<(string Id, string Language), string>();
        string? cursor = null;
        PartnerChangesPage page;
        do
        {
            var text = await TextAsync(_partner, cursor is null ? "/api/partner/changes?limit=2" : $"/api/partner/changes?limit=2&cursor={Uri.EscapeDataString(cursor)}");
            page = JsonSerializer.Deserialize<PartnerChangesPage>(text, PartnerFeed.Json)!;
            foreach (var change in page.Changes)
            {
                if (change.Type == "upsert")
                {
                    mirror[(change.ArticleId, change.Language)] = change.Article!.Title;
                }
                else
                {
                    mirror.Remove((change.ArticleId, change.Language));
                }
            }

            cursor = page.NextCursor;
        }
        while (page.HasMore);

        var published = models.Where(m => m.IsPublic)
            .SelectMany(m => m.PublishedTitles.Select(t => $"{m.Id} {t.Key} {t.Value}")).Order().ToArray();
        Assert.Equal(published, mirror.Select(e => $"{e.Key.Id} {e.Key.Language} {e.Value}").Order().ToArray());
    }
}
