using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Tests.Content.Articles;

/// <summary>
/// The LINQ and the SQL form of "public" select the same rows, and the rows a reader may see, over every edge: each
/// kind of article crossed with every combination of translation states in every language.
/// </summary>
public sealed class PublicContentTests(ApiFixture fixture) : ApiTest(fixture)
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A live article whose translations are all drafts is also what unpublishing leaves.</summary>
    private enum ArticleKind { Live, Deleted, WithoutFirstPublication, ScheduledWhilePublished, PublishedInTheFuture }

    private enum TranslationState { Missing, Draft, Published, RevisionWithoutTime }

    private sealed record Seeded(Guid ArticleId, ArticleKind Kind, Dictionary<string, (Guid Id, TranslationState State)> Translations);

    [Fact]
    public async Task LinqAndSql_SelectTheSameRows_AndExactlyThePublicOnes()
    {
        var seeded = await SeedEveryEdgeAsync();
        await using var db = CreateDbContext();

        var linqTranslations = await db.PublicTranslations().Select(p => p.Translation.Id).ToListAsync();
        var sqlTranslations = await IdsAsync(db, $"""
            SELECT t.id AS "Value" FROM translations t JOIN articles a ON a.id = t.article_id
            WHERE {PublicContent.PublicTranslationSql("t", "a")}
            """);
        var linqArticles = await db.Set<Article>().Where(PublicContent.IsPublicArticle).Select(a => a.Id).ToListAsync();
        var sqlArticles = await IdsAsync(db, $"""SELECT a.id AS "Value" FROM articles a WHERE {PublicContent.PublicArticleSql("a")}""");

        var expectedTranslations = seeded
            .SelectMany(s => s.Translations.Values.Where(t => IsPublic(s.Kind, t.State)).Select(t => t.Id))
            .Order().ToList();
        var expectedArticles = seeded.Where(s => s.Translations.Values.Any(t => IsPublic(s.Kind, t.State))).Select(s => s.ArticleId).Order().ToList();
        Assert.Equal(expectedTranslations, linqTranslations.Order().ToList());
        Assert.Equal(expectedTranslations, sqlTranslations.Order().ToList());
        Assert.Equal(expectedArticles, linqArticles.Order().ToList());
        Assert.Equal(expectedArticles, sqlArticles.Order().ToList());

        // The article rule is the translation rule lifted: an article is public exactly when one of its translations is.
        var articlesOfPublicTranslations = await db.PublicTranslations().Select(p => p.Article.Id).Distinct().ToListAsync();
        Assert.Equal(expectedArticles, articlesOfPublicTranslations.Order().ToList());
    }

    [Fact]
    public async Task EdgeCases_AreDecidedAsDocumented()
    {
        var seeded = await SeedEveryEdgeAsync();
        await using var db = CreateDbContext();
        var visible = (await db.PublicTranslations().Select(p => p.Translation.Id).ToListAsync()).ToHashSet();
        List<Guid> Rows(ArticleKind kind, TranslationState state, string? language = null) =>
            seeded.Where(s => s.Kind == kind)
                .SelectMany(s => s.Translations.Where(t => (language is null || t.Key == language) && t.Value.State == state).Select(t => t.Value.Id))
                .ToList();

        // Each language on its own: a published translation is public whatever its siblings are.
        foreach (var language in Language.All)
        {
            Assert.All(Rows(ArticleKind.Live, TranslationState.Published, language), id => Assert.Contains(id, visible));
            Assert.All(Rows(ArticleKind.Live, TranslationState.Draft, language), id => Assert.DoesNotContain(id, visible));
        }

        // No clock is consulted: a pending schedule is not a withdrawal, and a publication time is when publishing happened.
        Assert.All(Rows(ArticleKind.ScheduledWhilePublished, TranslationState.Published), id => Assert.Contains(id, visible));
        Assert.All(Rows(ArticleKind.PublishedInTheFuture, TranslationState.Published), id => Assert.Contains(id, visible));

        // The stricter copies won: a deleted article, an article without a first publication, a snapshot without a time.
        Assert.All(Rows(ArticleKind.Deleted, TranslationState.Published), id => Assert.DoesNotContain(id, visible));
        Assert.All(Rows(ArticleKind.WithoutFirstPublication, TranslationState.Published), id => Assert.DoesNotContain(id, visible));
        Assert.All(Rows(ArticleKind.Live, TranslationState.RevisionWithoutTime), id => Assert.DoesNotContain(id, visible));
        // Per kind each language is published in 16 of the 64 combinations (any state of the other two); 3 kinds are visible.
        Assert.Equal(3 * Language.All.Count * 16, visible.Count);
    }

    private static bool IsPublic(ArticleKind kind, TranslationState state) =>
        state == TranslationState.Published && kind is ArticleKind.Live or ArticleKind.ScheduledWhilePublished or ArticleKind.PublishedInTheFuture;

    /// <summary>Every article kind with every combination of the four translation states over the three languages.</summary>
    private async Task<List<Seeded>> SeedEveryEdgeAsync()
    {
        var states = Enum.GetValues<TranslationState>();
        var combinations = Language.All.Aggregate(
            new List<Dictionary<string, TranslationState>> { new() },
            (partial, language) => partial.SelectMany(c => states.Select(s => new Dictionary<string, TranslationState>(c) { [language] = s })).ToList());

        var seeded = new List<Seeded>();
        await using var db = CreateDbContext();
        foreach (var kind in Enum.GetValues<ArticleKind>())
        {
            foreach (var (combination, index) in combinations.Select((c, i) => (c, i)))
            {
                var article = NewArticle(kind, $"{kind}-{index}".ToLowerInvariant());
                var translations = new Dictionary<string, (Guid, TranslationState)>();
                foreach (var (language, state) in combination.Where(c => c.Value != TranslationState.Missing))
                {
                    var translation = NewTranslation(article, language, state);
                    article.Translations.Add(translation);
                    translations[language] = (translation.Id, state);
                }

                db.Add(article);
                seeded.Add(new Seeded(article.Id, kind, translations));
            }
        }

        await db.SaveChangesAsync();
        return seeded;
    }

    private static Article NewArticle(ArticleKind kind, string slug) => new()
    {
        Slug = slug,
        OriginalLanguage = Language.English,
        CreatedAt = Now.AddDays(-30),
        UpdatedAt = Now,
        FirstPublishedAt = kind switch
        {
            ArticleKind.WithoutFirstPublication => null,
            ArticleKind.PublishedInTheFuture => Now.AddYears(5),
            _ => Now.AddDays(-10),
        },
        LastPublishedAt = kind == ArticleKind.WithoutFirstPublication ? null : Now.AddDays(-1),
        ScheduledAt = kind == ArticleKind.ScheduledWhilePublished ? Now.AddYears(5) : null,
        DeletedAt = kind == ArticleKind.Deleted ? Now : null,
    };

    /// <summary>A revision without a time is a row written around the publisher, which always stamps both.</summary>
    private static Translation NewTranslation(Article article, string language, TranslationState state)
    {
        var snapshot = state is TranslationState.Published or TranslationState.RevisionWithoutTime;
        return new Translation
        {
            ArticleId = article.Id,
            Language = language,
            Title = $"{article.Slug} {language}",
            Body = "draft",
            CreatedAt = article.CreatedAt,
            UpdatedAt = Now,
            PublishedRevision = snapshot ? 1 : null,
            PublishedTitle = snapshot ? $"{article.Slug} {language}" : null,
            PublishedBody = snapshot ? "published" : null,
            PublishedAt = state == TranslationState.Published ? article.FirstPublishedAt ?? Now : null,
            PublishedUpdatedAt = snapshot ? Now : null,
        };
    }

    private static async Task<List<Guid>> IdsAsync(CommentaryDbContext db, string sql) =>
        await db.Database.SqlQueryRaw<Guid>(sql).ToListAsync();
}
