using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Infrastructure;

/// <summary>
/// Seeds and changes content through the app's own DbContext and <see cref="ArticlePublisher"/> (so publishing records
/// change-log rows, maintains the search index and evicts the output cache exactly as in production).
/// </summary>
public sealed class ContentSeeder
{
    private readonly IServiceProvider _services;
    private readonly bool _wallClock;
    private DateTimeOffset _clock = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>On a stepped clock: from 2024-01-01, one minute later for every change, so lists order predictably.</summary>
    public ContentSeeder(IServiceProvider services)
        : this(services, wallClock: false)
    {
    }

    private ContentSeeder(IServiceProvider services, bool wallClock)
    {
        _services = services;
        _wallClock = wallClock;
    }

    public DateTimeOffset Now => _wallClock ? DateTimeOffset.UtcNow : _clock;

    /// <summary>On the real clock, for what the app compares with the current time (change-log retention, webhook due times).</summary>
    public static ContentSeeder OnWallClock(IServiceProvider services) => new(services, wallClock: true);

    public DateTimeOffset Tick() => _wallClock ? DateTimeOffset.UtcNow : _clock = _clock.AddMinutes(1);

    public static LocalizedText Text(string? en = null, string? hans = null, string? hant = null) => new() { En = en, ZhHans = hans, ZhHant = hant };

    /// <summary>The draft made of a title alone, by the titles overload of ArticleAsync and for EditDraftAsync.</summary>
    public static TranslationContent Content(string title, string language) =>
        new(title, $"Summary of {title}", $"Body of **{title}** in {language}.\n\n新聞 新闻 𠀀 😀");

    public async Task<T> WithDbAsync<T>(Func<CommentaryDbContext, ArticlePublisher, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommentaryDbContext>();
        var result = await action(db, scope.ServiceProvider.GetRequiredService<ArticlePublisher>());
        await db.SaveChangesAsync();
        return result;
    }

    public Task<Topic> TopicAsync(string slug, LocalizedText name, LocalizedText? description = null) => WithDbAsync((db, _) =>
    {
        var topic = new Topic { Slug = slug, Name = name, Description = description ?? new LocalizedText(), CreatedAt = Now, UpdatedAt = Now };
        db.Topics.Add(topic);
        return Task.FromResult(topic);
    });

    public Task<Author> AuthorAsync(string slug, LocalizedText name) => WithDbAsync((db, _) =>
    {
        var author = new Author { Slug = slug, Name = name, CreatedAt = Now, UpdatedAt = Now };
        db.Authors.Add(author);
        return Task.FromResult(author);
    });

    public Task<Source> SourceAsync(string slug, string kind, LocalizedText name, LocalizedText? role = null) => WithDbAsync((db, _) =>
    {
        var source = new Source { Slug = slug, Kind = kind, Name = name, Role = role ?? new LocalizedText(), CreatedAt = Now, UpdatedAt = Now };
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
        IReadOnlyList<(Guid? Target, string? Url, string? Title)>? related = null,
        DateTimeOffset? at = null) =>
        NewArticleAsync(slug, originalLanguage, translations, publish, at, (article, _, _) =>
        {
            article.Topics = (topics ?? []).Select((id, i) => new ArticleTopic { ArticleId = article.Id, TermId = id, Position = i }).ToList();
            article.Authors = (authors ?? []).Select((id, i) => new ArticleAuthor { ArticleId = article.Id, TermId = id, Position = i }).ToList();
            article.Quotes = (quotes ?? []).Select((q, i) => new Quote { ArticleId = article.Id, Position = i, SourceId = q.Source, OutletId = q.Outlet, Text = q.Text }).ToList();
            article.RelatedLinks = (related ?? []).Select((r, i) => new RelatedLink { ArticleId = article.Id, Position = i, TargetArticleId = r.Target, Url = r.Url, Title = r.Title }).ToList();
            return Task.CompletedTask;
        });

    /// <summary>
    /// Creates an article from titles alone (see <see cref="Content"/>) and publishes <paramref name="publish"/> (null: all;
    /// empty: none); topics and authors are named by slug and created when missing.
    /// </summary>
    public Task<Guid> ArticleAsync(
        string slug,
        string originalLanguage,
        IReadOnlyDictionary<string, string> titles,
        IReadOnlyCollection<string>? publish = null,
        IReadOnlyList<string>? topicSlugs = null,
        IReadOnlyList<string>? authorSlugs = null,
        DateTimeOffset? at = null) =>
        NewArticleAsync(slug, originalLanguage, titles.ToDictionary(t => t.Key, t => Content(t.Value, t.Key)), publish, at, async (article, db, now) =>
        {
            foreach (var (topicSlug, i) in (topicSlugs ?? []).Select((t, i) => (t, i)))
            {
                var topic = await db.Topics.FirstOrDefaultAsync(t => t.Slug == topicSlug)
                    ?? new Topic { Slug = topicSlug, Name = Text($"Topic {topicSlug}", $"话题{topicSlug}", $"話題{topicSlug}"), CreatedAt = now, UpdatedAt = now };
                article.Topics.Add(new ArticleTopic { Position = i, Term = topic, TermId = topic.Id });
            }

            foreach (var (authorSlug, i) in (authorSlugs ?? []).Select((a, i) => (a, i)))
            {
                var author = await db.Authors.FirstOrDefaultAsync(a => a.Slug == authorSlug)
                    ?? new Author { Slug = authorSlug, Name = Text($"Author {authorSlug}", $"作者{authorSlug}", $"作者{authorSlug}"), CreatedAt = now, UpdatedAt = now };
                article.Authors.Add(new ArticleAuthor { Position = i, Term = author, TermId = author.Id });
            }
        });

    public Task<Guid> SimpleAsync(string slug, string title, string body = "Body text.", string language = Language.English, IReadOnlyList<Guid>? topics = null, IReadOnlyList<Guid>? authors = null) =>
        ArticleAsync(slug, language, new Dictionary<string, TranslationContent> { [language] = new(title, $"Summary of {title}", body) }, topics: topics, authors: authors);

    public Task PublishAsync(Guid id, params string[] languages) =>
        ChangeAsync(id, (article, publisher, _, now) => publisher.PublishDraftAsync(article, languages, "seed", now, CancellationToken.None));

    public Task UnpublishAsync(Guid id) => ChangeAsync(id, (article, publisher, _, now) => publisher.UnpublishAsync(article, now, CancellationToken.None));

    public Task DeleteAsync(Guid id) => ChangeAsync(id, (article, publisher, _, now) => publisher.DeleteAsync(article, now, CancellationToken.None));

    /// <summary>Saves a new draft of one translation (created when missing) without publishing it.</summary>
    public Task EditDraftAsync(Guid id, string language, TranslationContent content) => ChangeAsync(id, (article, _, db, now) =>
    {
        SaveDraft(db, article, language, content, now);
        article.Touch(now);
    });

    /// <summary>Saves a new draft revision of one translation of a loaded article, creating the translation when missing.</summary>
    public static void SaveDraft(CommentaryDbContext db, Article article, string language, TranslationContent content, DateTimeOffset now)
    {
        if (article.Translations.Find(t => t.Language == language) is { } translation)
        {
            TranslationDrafts.Save(db, article, translation, content, "seed", now);
        }
        else
        {
            TranslationDrafts.Create(db, article, language, content, "seed", now);
        }
    }

    /// <summary>Loads the article with its translations and published parts, applies <paramref name="change"/> and saves, in one scope.</summary>
    public Task ChangeAsync(Guid id, Action<Article, ArticlePublisher, CommentaryDbContext, DateTimeOffset> change) =>
        ChangeAsync(id, (article, publisher, db, now) =>
        {
            change(article, publisher, db, now);
            return Task.CompletedTask;
        });

    /// <inheritdoc cref="ChangeAsync(Guid, Action{Article, ArticlePublisher, CommentaryDbContext, DateTimeOffset})"/>
    public Task ChangeAsync(Guid id, Func<Article, ArticlePublisher, CommentaryDbContext, DateTimeOffset, Task> change)
    {
        var now = Tick();
        return WithDbAsync(async (db, publisher) =>
        {
            var article = await db.Articles.Include(a => a.Translations).Include(a => a.Authors).Include(a => a.Topics)
                .Include(a => a.Quotes).Include(a => a.RelatedLinks).AsSplitQuery().SingleAsync(a => a.Id == id);
            await change(article, publisher, db, now);
            return 0;
        });
    }

    private Task<Guid> NewArticleAsync(
        string slug,
        string originalLanguage,
        IReadOnlyDictionary<string, TranslationContent> translations,
        IReadOnlyCollection<string>? publish,
        DateTimeOffset? at,
        Func<Article, CommentaryDbContext, DateTimeOffset, Task> attach)
    {
        var now = at ?? Tick();
        return WithDbAsync(async (db, publisher) =>
        {
            var article = new Article { Slug = slug, OriginalLanguage = originalLanguage, CreatedAt = now, UpdatedAt = now };
            await attach(article, db, now);
            db.Articles.Add(article);
            foreach (var language in translations.Keys.OrderBy(l => l == originalLanguage ? 0 : 1))
            {
                TranslationDrafts.Create(db, article, language, translations[language], "seed", now);
            }

            if (publish is null || publish.Count > 0)
            {
                await publisher.PublishDraftAsync(article, publish ?? [], "seed", now, CancellationToken.None);
            }

            return article.Id;
        });
    }
}
