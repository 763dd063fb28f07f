using Commentary.Api.Features.Related;
using Commentary.Api.Features.Sources;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Features.Renditions;

/// <summary>The renderer's batch suggestions are exactly the per-article ones of GET /related.</summary>
public sealed class SuggestionCandidatesTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    public async Task BatchSuggestions_EqualPerArticleSuggestions(int seed)
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
            articles.Add(await seeder.ArticleAsync($"a{i}", "en", new Dictionary<string, Commentary.Api.Features.Translations.TranslationContent> { ["en"] = new($"A{i}", null, "b") },
                publish: random.Next(5) == 0 ? [] : null,
                topics: topics.Where(_ => random.Next(3) == 0).ToList(),
                quotes: sources.Where(_ => random.Next(4) == 0).Select(s => (s, (Guid?)sources[random.Next(sources.Count)], ContentSeeder.Text("q"))).ToList(),
                related: related));
        }

        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Commentary.Api.Data.CommentaryDbContext>();
        var perArticle = scope.ServiceProvider.GetRequiredService<RelatedArticles>();
        var curated = db.RelatedLinks.Where(r => r.TargetArticleId != null).ToLookup(r => r.ArticleId, r => r.TargetArticleId!.Value);
        var requests = articles.Select(id => new SuggestionCandidates.Request(id, curated[id].Append(id).ToHashSet(), 5)).ToList();

        var batch = await new SuggestionCandidates().SuggestAsync(db, requests, CancellationToken.None);

        foreach (var id in articles)
        {
            Assert.Equal(await perArticle.SuggestAsync(id, 5, CancellationToken.None), batch[id]);
        }
    }
}
