using System.Net;
using System.Text.Json;
using Commentary.Api.Delivery.Search;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Delivery.Search;

/// <summary>
/// Ranking at the size where the strategy matters: a term in most of the newest translations is found by walking them
/// in publication order, a rare one through the GIN index (see SearchSql); both must give the same published-only,
/// banded ranking and cursors that visit every hit once.
/// </summary>
public sealed class SearchArticlesRankingTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => _seed ??= new ContentSeeder(Factory.Services);
    private ContentSeeder? _seed;

    private async Task<JsonElement> SearchAsync(string query)
    {
        var response = await Anonymous.GetAsync($"/api/search?{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<List<JsonElement>> AllPagesAsync(string query)
    {
        var hits = new List<JsonElement>();
        var page = await SearchAsync(query);
        while (true)
        {
            hits.AddRange(page.GetProperty("items").EnumerateArray());
            if (page.GetProperty("nextCursor").GetString() is not { } cursor)
            {
                return hits;
            }

            page = await SearchAsync($"{query}&cursor={Uri.EscapeDataString(cursor)}");
        }
    }

    private static string Slug(JsonElement hit) => hit.GetProperty("article").GetProperty("slug").GetString()!;

    [Fact]
    public async Task FrequentTerm_NewestBandRankedFirstPublishedOnlyAndEveryHitOnce()
    {
        var expected = new List<string>();
        for (var i = 0; i < 121; i++)
        {
            // The title match sits in the middle of the newest band: relevance, not recency, puts it first.
            var slug = $"note-{i}";
            await Seed.SimpleAsync(slug, i == 80 ? "Alliance summit" : $"Note {i}", "The alliance met again.");
            expected.Add(slug);
        }

        await Seed.ArticleAsync("draft", "en", new Dictionary<string, TranslationContent> { ["en"] = new("Alliance draft", null, "alliance") }, publish: []);
        await Seed.DeleteAsync(await Seed.SimpleAsync("deleted", "Alliance deleted", "alliance"));
        await Seed.UnpublishAsync(await Seed.SimpleAsync("withdrawn", "Alliance withdrawn", "alliance"));

        var hits = await AllPagesAsync("q=alliance&limit=20");
        var slugs = hits.Select(Slug).ToList();

        Assert.Equal(slugs.Count, slugs.Distinct().Count());
        Assert.Equal(expected.Order(), slugs.Order());
        Assert.Equal("note-80", slugs[0]);
        // The newest band (100 translations) comes before the older one, whatever the rank.
        var newestBand = expected.Skip(expected.Count - PublicSearch.RankBand).ToHashSet();
        Assert.All(slugs.Take(PublicSearch.RankBand), s => Assert.Contains(s, newestBand));
        var ranks = hits.Take(PublicSearch.RankBand).Select(h => h.GetProperty("rank").GetDouble()).ToList();
        Assert.Equal(ranks.OrderDescending(), ranks);
    }

    [Fact]
    public async Task FrequentChineseTerm_FoundInBothScriptsWithSnippet()
    {
        for (var i = 0; i < 50; i++)
        {
            await Seed.ArticleAsync($"zh-{i}", "zh-Hans", new Dictionary<string, TranslationContent>
            {
                ["zh-Hans"] = new($"评论 {i}", null, "中俄两军举行联合演习。"),
                ["zh-Hant"] = new($"評論 {i}", null, "中俄兩軍舉行聯合演習。"),
            });
        }

        var hits = await AllPagesAsync($"q={Uri.EscapeDataString("中俄")}&lang=zh-Hant&limit=20");

        Assert.Equal(50, hits.Select(Slug).Distinct().Count());
        Assert.All(hits, h => Assert.Contains("<mark>中俄</mark>", h.GetProperty("snippet").GetString(), StringComparison.Ordinal));
        Assert.All(hits, h => Assert.Equal("zh-Hant", h.GetProperty("matchedLanguage").GetString()));
    }

    [Fact]
    public async Task RareTerm_FoundBehindManyNewerArticles()
    {
        await Seed.SimpleAsync("old", "Zanzibar talks", "A rare word.");
        for (var i = 0; i < 45; i++)
        {
            await Seed.SimpleAsync($"newer-{i}", $"Note {i}", "Nothing to see.");
        }

        await Seed.ArticleAsync("draft", "en", new Dictionary<string, TranslationContent> { ["en"] = new("Zanzibar draft", null, "zanzibar") }, publish: []);

        var hits = await AllPagesAsync("q=zanzibar&limit=20");

        Assert.Equal(["old"], hits.Select(Slug));
        Assert.Contains("<mark>Zanzibar</mark>", hits[0].GetProperty("snippet").GetString(), StringComparison.Ordinal);
    }
}
