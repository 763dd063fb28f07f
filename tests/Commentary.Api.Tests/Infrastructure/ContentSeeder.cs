using Commentary.Api.Common.Languages;
using Commentary.Api.Data;
using Commentary.Api.Features.Articles;
using Commentary.Api.Features.Authors;
using Commentary.Api.Features.Publishing;
using Commentary.Api.Features.Quotes;
using Commentary.Api.Features.Related;
using Commentary.Api.Features.Sources;
using Commentary.Api.Features.Topics;
using Commentary.Api.Features.Translations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Infrastructure;

/// <summary>
/// Seeds content through the app's own DbContext and <see cref="ArticlePublisher"/> (so publishing maintains the search
/// index and evicts the output cache exactly as in production). Times advance one minute per article, so lists order predictably.
/// </summary>
public sealed class ContentSeeder(CommentaryApiFactory factory)
{
    private DateTimeOffset _clock = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Now => _clock;

    public DateTimeOffset Tick() => _clock = _clock.AddMinutes(1);

    public static LocalizedText Text(string? en = null, string? hans = null, string? hant = null) => new() { En = en, ZhHans = hans, ZhHant = hant };

    public async Task<T> WithDbAsync<T>(Func<CommentaryDbContext, ArticlePublisher, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommentaryDbContext>();
        var result = await action(db, scope.ServiceProvider.GetRequiredService<ArticlePublisher>());
        await db.SaveChangesAsync();
        return result;
    }

    public Task<Topic> TopicAsync(string slug, LocalizedText name, LocalizedText? description = null) => WithDbAsync((db, _) =>
    {
        var topic = new Topic { Slug = slug, Name = name, Description = description ?? new LocalizedText(), CreatedAt = _clock, UpdatedAt = _clock };
        db.Topics.Add(topic);
        return Task.FromResult(topic);
    });

    public Task<Author> AuthorAsync(string slug, LocalizedText name) => WithDbAsync((db, _) =>
    {
        var author = new Author { Slug = slug, Name = name, CreatedAt = _clock, UpdatedAt = _clock };
        db.Authors.Add(author);
        return Task.FromResult(author);
    });

    public Task<Source> SourceAsync(string slug, string kind, LocalizedText name, LocalizedText? role = null) => WithDbAsync((db, _) =>
    {
        var source = new Source { Slug = slug, Kind = kind, Name = name, Role = role ?? new LocalizedText(), CreatedAt = _clock, UpdatedAt = _clock };
        db.Sources.Add(source);
        return Task.FromResult(source);
    });

    /// <summary>Creates an article with drafts in each given language and publishes <paramref name="publish"/> (null: all; empty: none).</summary>
    public Task<Guid> ArticleAsync(
        string slug,
        string originalLanguage,
        IReadOnlyDictionary<string, TranslationContent> translations,
        IReadOnlyCollection<string>? publish = null,
        IReadOnlyList<Guid>? topics = null,
        IReadOnlyList<Guid>? authors = null,
        IReadOnlyList<(Guid Source, Guid? Outlet, LocalizedText Text)>? quotes = null,
        IReadOnlyList<(Guid? Target, string? Url, string? Title)>? related = null)
    {
        var now = Tick();
        return WithDbAsync((db, publisher) =>
        {
            var article = new Article { Slug = slug, OriginalLanguage = originalLanguage, CreatedAt = now, UpdatedAt = now };
            article.Topics = (topics ?? []).Select((id, i) => new ArticleTopic { ArticleId = article.Id, TopicId = id, Position = i }).ToList();
            article.Authors = (authors ?? []).Select((id, i) => new ArticleAuthor { ArticleId = article.Id, AuthorId = id, Position = i }).ToList();
            article.Quotes = (quotes ?? []).Select((q, i) => new Quote { ArticleId = article.Id, Position = i, SourceId = q.Source, OutletId = q.Outlet, Text = q.Text }).ToList();
            article.RelatedLinks = (related ?? []).Select((r, i) => new RelatedLink { ArticleId = article.Id, Position = i, TargetArticleId = r.Target, Url = r.Url, Title = r.Title }).ToList();
            db.Articles.Add(article);
            foreach (var language in translations.Keys.OrderBy(l => l == originalLanguage ? 0 : 1))
            {
                TranslationDrafts.Create(db, article, language, translations[language], "seed", now);
            }

            if (publish is null || publish.Count > 0)
            {
                publisher.Publish(article, publish ?? [], now);
            }

            return Task.FromResult(article.Id);
        });
    }

    public Task<Guid> SimpleAsync(string slug, string title, string body = "Body text.", string language = Language.English, IReadOnlyList<Guid>? topics = null, IReadOnlyList<Guid>? authors = null) =>
        ArticleAsync(slug, language, new Dictionary<string, TranslationContent> { [language] = new(title, $"Summary of {title}", body) }, topics: topics, authors: authors);

    public Task PublishAsync(Guid id, params string[] languages) => OnArticleAsync(id, (article, publisher, now) => publisher.Publish(article, languages, now));

    public Task UnpublishAsync(Guid id) => OnArticleAsync(id, (article, publisher, now) => publisher.Unpublish(article, now));

    public Task DeleteAsync(Guid id) => OnArticleAsync(id, (article, publisher, now) => publisher.Delete(article, now));

    /// <summary>Saves a new draft of one translation (created when missing) without publishing it.</summary>
    public Task EditDraftAsync(Guid id, string language, TranslationContent content)
    {
        var now = Tick();
        return WithDbAsync(async (db, _) =>
        {
            var article = await db.Articles.Include(a => a.Translations).SingleAsync(a => a.Id == id);
            if (article.Translations.Find(t => t.Language == language) is { } translation)
            {
                TranslationDrafts.Save(db, article, translation, content, "seed", now);
            }
            else
            {
                TranslationDrafts.Create(db, article, language, content, "seed", now);
            }

            article.Touch(now);
            return 0;
        });
    }

    private Task OnArticleAsync(Guid id, Action<Article, ArticlePublisher, DateTimeOffset> action)
    {
        var now = Tick();
        return WithDbAsync(async (db, publisher) =>
        {
            var article = await db.Articles.Include(a => a.Translations).SingleAsync(a => a.Id == id);
            action(article, publisher, now);
            return 0;
        });
    }
}
