using Commentary.Api.Content;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Delivery.Related;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Delivery.Related;

/// <summary>Suggestions follow their definition, whether asked for one article (GET /related) or a whole batch (the renderer).</summary>
public sealed class SuggestionCandidatesTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    public async Task Suggestions_FollowTheDefinition_ForOneArticleAndForABatch(int seed)
    {
        var random = new Random(seed);
        var seeder = new ContentSeeder(Factory.Services);
        var topics = new List<Guid>();
        var sources = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            topics.Add((await seeder.TopicAsync($"t{i}", ContentSeeder.Text($"T{i}"))).Id);
            sources.Add((await seeder.SourceAsync($"s{i}", SourceKind.Person, ContentSeeder.Text($"S{i}"))).Id);
        }

        var articles = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            var related = articles.Count > 0 && random.Next(3) == 0 ? new List<(Guid?, string?, string?)> { (articles[random.Next(articles.Count)], null, null) } : null;
            articles.Add(await seeder.ArticleAsync($"a{i}", "en", new Dictionary<string, Commentary.Api.Editorial.Workflow.TranslationContent> { ["en"] = new($"A{i}", null, "b") },
                publish: random.Next(5) == 0 ? [] : null,
                topics: topics.Where(_ => random.Next(3) == 0).ToList(),
                quotes: sources.Where(_ => random.Next(4) == 0).Select(s => (s, (Guid?)sources[random.Next(sources.Count)], ContentSeeder.Text("q"))).ToList(),
                related: related));
        }

        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Commentary.Api.Platform.Database.CommentaryDbContext>();
        var perArticle = scope.ServiceProvider.GetRequiredService<RelatedArticles>();
        var curated = db.RelatedLinks.Where(r => r.TargetArticleId != null).ToLookup(r => r.ArticleId, r => r.TargetArticleId!.Value);
        var requests = articles.Select(id => new SuggestionCandidates.Request(id, curated[id].Append(id).ToHashSet(), 5)).ToList();

        var batch = await scope.ServiceProvider.GetRequiredService<SuggestionCandidates>().SuggestAsync(requests, CancellationToken.None);

        var reference = await ReferenceAsync(db, requests);
        foreach (var id in articles)
        {
            Assert.Equal(reference[id], batch[id]);
            Assert.Equal(reference[id], await perArticle.SuggestAsync(id, 5, CancellationToken.None));
        }
    }

    /// <summary>
    /// The renderer keeps the ranked lists across its batches: they must give what a fresh read gives after every kind
    /// of change in between (a publish that joins a list, an unpublish and a delete that leave one, a topic change), and a
    /// transaction that has written (a preview's publish, rolled back) must neither use them nor leave its view in them.
    /// </summary>
    [Fact]
    public async Task KeptLists_GiveWhatAFreshReadGives_AfterEveryChange_AndNeverHoldAWritersView()
    {
        var seeder = new ContentSeeder(Factory.Services);
        var topic = (await seeder.TopicAsync("kept", ContentSeeder.Text("Kept"))).Id;
        var other = (await seeder.TopicAsync("other", ContentSeeder.Text("Other"))).Id;
        var source = (await seeder.SourceAsync("kept-source", SourceKind.Person, ContentSeeder.Text("S"))).Id;
        var main = await seeder.SimpleAsync("kept-main", "Main", topics: [topic]);
        var older = await seeder.SimpleAsync("kept-older", "Older", topics: [topic]);
        var kept = new SuggestionLists();

        async Task<(List<Guid> Kept, List<Guid> Fresh)> SuggestBothWaysAsync(bool writeFirst = false)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Commentary.Api.Platform.Database.CommentaryDbContext>();
            var candidates = scope.ServiceProvider.GetRequiredService<SuggestionCandidates>();
            await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
            if (writeFirst)
            {
                // As a preview's publish does: a change only this transaction sees (here the deleted article back).
                await db.Database.ExecuteSqlRawAsync("UPDATE articles SET deleted_at = NULL WHERE id = {0}", older);
            }

            var request = new SuggestionCandidates.Request(main, new HashSet<Guid> { main }, 5);
            var fromKept = (await candidates.SuggestAsync([request], CancellationToken.None, kept))[main];
            var fresh = (await candidates.SuggestAsync([request], CancellationToken.None))[main];
            await snapshot.RollbackAsync();
            return (fromKept, fresh);
        }

        async Task AssertSameAsync(params Guid[] first)
        {
            var (fromKept, fresh) = await SuggestBothWaysAsync();
            Assert.Equal(fresh, fromKept);
            Assert.Equal(first, fromKept.Take(first.Length));
        }

        await AssertSameAsync(older);
        var newer = await seeder.SimpleAsync("kept-newer", "Newer", topics: [topic]);
        await AssertSameAsync(newer, older);
        await seeder.UnpublishAsync(newer);
        await AssertSameAsync(older);
        var quoting = await seeder.ArticleAsync("kept-quoting", "en", new Dictionary<string, Commentary.Api.Editorial.Workflow.TranslationContent> { ["en"] = new("Q", null, "b") },
            topics: [other], quotes: [(source, null, ContentSeeder.Text("q"))]);
        await seeder.DeleteAsync(older);
        await AssertSameAsync();

        // The writer sees "older" public again; the kept lists must not take that in.
        var (writerKept, writerFresh) = await SuggestBothWaysAsync(writeFirst: true);
        Assert.Equal(writerFresh, writerKept);
        Assert.Equal(older, writerKept[0]);
        var (afterKept, afterFresh) = await SuggestBothWaysAsync();
        Assert.Equal(afterFresh, afterKept);
        Assert.DoesNotContain(older, afterKept);
        Assert.Contains(quoting, afterKept);
    }

    /// <summary>
    /// The definition, scored over every public article (fewer than the 300 scored candidates here): shared topics x3 plus
    /// shared speakers and outlets x2, best first, newest on ties; articles sharing nothing fill up, newest first.
    /// </summary>
    private static async Task<Dictionary<Guid, List<Guid>>> ReferenceAsync(Commentary.Api.Platform.Database.CommentaryDbContext db, IReadOnlyList<SuggestionCandidates.Request> requests)
    {
        var published = await db.Articles.Where(a => a.DeletedAt == null && a.FirstPublishedAt != null && a.Translations.Any(t => t.PublishedRevision != null))
            .Select(a => new { a.Id, PublishedAt = a.FirstPublishedAt!.Value }).ToListAsync();
        var topics = (await db.ArticleTopics.Select(t => new { t.ArticleId, t.TermId }).ToListAsync()).ToLookup(t => t.ArticleId, t => t.TermId);
        var quotes = await db.Quotes.Select(q => new { q.ArticleId, q.SourceId, q.OutletId }).ToListAsync();
        var sources = quotes.SelectMany(q => new[] { q.SourceId, q.OutletId }.OfType<Guid>().Select(s => (q.ArticleId, Source: s))).Distinct().ToLookup(q => q.ArticleId, q => q.Source);
        var newest = published.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).ToList();
        return requests.ToDictionary(r => r.ArticleId, r =>
        {
            var scored = newest.Where(a => !r.Excluded.Contains(a.Id))
                .Select(a => (a.Id, Score: topics[a.Id].Intersect(topics[r.ArticleId]).Count() * 3 + sources[a.Id].Intersect(sources[r.ArticleId]).Count() * 2))
                .ToList();
            var chosen = scored.Where(a => a.Score > 0).OrderByDescending(a => a.Score).Take(r.Wanted).Select(a => a.Id).ToList();
            chosen.AddRange(scored.Select(a => a.Id).Where(id => !chosen.Contains(id)).Take(r.Wanted - chosen.Count));
            return chosen;
        });
    }
}
