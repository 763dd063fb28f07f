using Commentary.Api.Common.Languages;
using Commentary.Api.Data;
using Commentary.Api.Features.Articles;
using Commentary.Api.Features.Authors;
using Commentary.Api.Features.Publishing;
using Commentary.Api.Features.Topics;
using Commentary.Api.Features.Translations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Infrastructure;

/// <summary>Seeds and changes content through the entities and <see cref="ArticlePublisher"/>, as the management API does.</summary>
public sealed class ContentSeed(IServiceProvider services)
{
    public async Task<Guid> CreateAsync(
        string slug,
        string originalLanguage,
        IReadOnlyDictionary<string, string> titles,
        IReadOnlyCollection<string>? publish = null,
        IReadOnlyList<string>? topics = null,
        IReadOnlyList<string>? authors = null,
        DateTimeOffset? at = null)
    {
        var now = at ?? DateTimeOffset.UtcNow;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommentaryDbContext>();
        var article = new Article { Slug = slug, OriginalLanguage = originalLanguage, CreatedAt = now, UpdatedAt = now };
        foreach (var (topicSlug, i) in (topics ?? []).Select((t, i) => (t, i)))
        {
            var topic = await db.Topics.FirstOrDefaultAsync(t => t.Slug == topicSlug)
                ?? new Topic { Slug = topicSlug, Name = new LocalizedText { En = $"Topic {topicSlug}", ZhHans = $"话题{topicSlug}", ZhHant = $"話題{topicSlug}" }, CreatedAt = now, UpdatedAt = now };
            article.Topics.Add(new ArticleTopic { Position = i, Topic = topic });
        }

        foreach (var (authorSlug, i) in (authors ?? []).Select((a, i) => (a, i)))
        {
            var author = await db.Authors.FirstOrDefaultAsync(a => a.Slug == authorSlug)
                ?? new Author { Slug = authorSlug, Name = new LocalizedText { En = $"Author {authorSlug}", ZhHans = $"作者{authorSlug}", ZhHant = $"作者{authorSlug}" }, CreatedAt = now, UpdatedAt = now };
            article.Authors.Add(new ArticleAuthor { Position = i, Author = author });
        }

        db.Articles.Add(article);
        foreach (var language in titles.Keys.OrderBy(l => l == originalLanguage ? 0 : 1))
        {
            TranslationDrafts.Create(db, article, language, Content(titles[language], language), "test", now);
        }

        if (publish is not null)
        {
            scope.ServiceProvider.GetRequiredService<ArticlePublisher>().Publish(article, publish, now);
        }

        await db.SaveChangesAsync();
        return article.Id;
    }

    public static TranslationContent Content(string title, string language) =>
        new(title, $"Summary of {title}", $"Body of **{title}** in {language}.\n\n新聞 新闻 𠀀 😀");

    public Task PublishAsync(Guid id, params string[] languages) => ChangeAsync(id, (a, p, _, now) => p.Publish(a, languages, now));

    public Task UnpublishAsync(Guid id) => ChangeAsync(id, (a, p, _, now) => p.Unpublish(a, now));

    public Task DeleteAsync(Guid id) => ChangeAsync(id, (a, p, _, now) => p.Delete(a, now));

    /// <summary>Saves a new draft revision without publishing it.</summary>
    public Task EditDraftAsync(Guid id, string language, string title) => ChangeAsync(id, (a, _, db, now) =>
    {
        var translation = a.Translations.Find(t => t.Language == language);
        if (translation is null)
        {
            // A translation added to a tracked article has its key set already: EF must be told it is new.
            db.Translations.Add(TranslationDrafts.Create(db, a, language, Content(title, language), "test", now));
        }
        else
        {
            TranslationDrafts.Save(db, a, translation, Content(title, language), "test", now);
        }

        a.Touch(now);
    });

    public async Task ChangeAsync(Guid id, Action<Article, ArticlePublisher, CommentaryDbContext, DateTimeOffset> change)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommentaryDbContext>();
        var article = await db.Articles.Include(a => a.Translations).FirstAsync(a => a.Id == id);
        change(article, scope.ServiceProvider.GetRequiredService<ArticlePublisher>(), db, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }
}
