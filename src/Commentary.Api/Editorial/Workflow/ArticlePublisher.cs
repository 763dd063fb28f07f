using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Journal;
using Commentary.Api.Content.Rendering;
using Commentary.Api.Platform.Database;
using Commentary.Text;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Workflow;

/// <summary>
/// Moves drafts into the public snapshot and back. Every change of public content is also written to the
/// <see cref="ContentJournal"/> in the same unit of work, which is how partner sync, webhooks and prebuilt pages hear of it.
/// </summary>
public sealed class ArticlePublisher(CommentaryDbContext db, ContentJournal journal, MarkdownRenderer markdown)
{
    /// <summary>Publishes the drafts of <paramref name="languages"/> (every translation when empty). The caller saves.</summary>
    public IReadOnlyList<string> Publish(Article article, IReadOnlyCollection<string> languages, DateTimeOffset now)
    {
        var published = new List<string>();
        var wasPublic = article.Translations.Any(t => t.IsPublished);
        foreach (var translation in article.Translations.Where(t => languages.Count == 0 || languages.Contains(t.Language)))
        {
            translation.PublishedRevision = translation.Revision;
            translation.PublishedTitle = translation.Title;
            translation.PublishedSummary = translation.Summary;
            translation.PublishedBody = translation.Body;
            translation.PublishedBodyHtml = markdown.ToHtml(translation.Body);
            translation.PublishedSearchText = SearchText.ForDocument(translation.Title, translation.Summary, translation.Body);
            translation.PublishedAt ??= now;
            translation.PublishedUpdatedAt = now;
            published.Add(translation.Language);
        }

        if (published.Count > 0)
        {
            article.FirstPublishedAt ??= now;
            article.LastPublishedAt = now;
            article.Touch(now);
            journal.Record(wasPublic ? PublicChangeKind.Updated : PublicChangeKind.Published, article, published, now);
        }

        return published;
    }

    /// <summary>Withdraws every published translation; the drafts and their history stay. The caller saves.</summary>
    public IReadOnlyList<string> Unpublish(Article article, DateTimeOffset now)
    {
        var withdrawn = new List<string>();
        foreach (var translation in article.Translations.Where(t => t.IsPublished))
        {
            translation.PublishedRevision = null;
            translation.PublishedTitle = null;
            translation.PublishedSummary = null;
            translation.PublishedBody = null;
            translation.PublishedBodyHtml = null;
            translation.PublishedAt = null;
            translation.PublishedUpdatedAt = null;
            translation.PublishedSearchText = null;
            withdrawn.Add(translation.Language);
        }

        article.Touch(now);
        if (withdrawn.Count > 0)
        {
            journal.Record(PublicChangeKind.Unpublished, article, withdrawn, now);
        }

        return withdrawn;
    }

    /// <summary>Soft-deletes the article: it leaves every public endpoint and partners receive a delete. The caller saves.</summary>
    public void Delete(Article article, DateTimeOffset now)
    {
        var withdrawn = article.Translations.Where(t => t.IsPublished).Select(t => t.Language).ToList();
        if (withdrawn.Count > 0)
        {
            journal.Record(PublicChangeKind.Deleted, article, withdrawn, now);
        }

        article.DeletedAt = now;
        article.ScheduledAt = null;
        article.Touch(now);
    }

    /// <summary>
    /// The public side of deleting a translation: partners get a delete of that language, webhooks an "updated" event,
    /// or "unpublished" when it was the last published language and the article left the public site. The caller
    /// removes the translation and saves.
    /// </summary>
    public void WithdrawDeletedTranslation(Article article, Translation translation, DateTimeOffset now)
    {
        if (!translation.IsPublished)
        {
            return;
        }

        var stillPublic = article.Translations.Exists(t => t != translation && t.IsPublished);
        journal.Record(stillPublic ? PublicChangeKind.Updated : PublicChangeKind.Unpublished, article, [translation.Language], now);
    }

    /// <summary>
    /// A topic, author or source that articles show live (not snapshotted) now reads differently: records a change of
    /// every published language of every live article of <paramref name="articleIds"/> and enqueues one "updated" event
    /// per article. Versions stay, as no field editors send changed. Run it in the caller's transaction after locking the
    /// changed row (so no reference to it can be added meanwhile); the caller saves. Returns how many articles changed.
    /// </summary>
    public async Task<int> RecordSharedPartChangedAsync(IQueryable<Guid> articleIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidates = await articleIds.Distinct().ToArrayAsync(cancellationToken);
        if (candidates.Length == 0)
        {
            return 0;
        }

        // A publish, unpublish or delete racing with this either committed before these locks (and is read below), or
        // waits for this transaction and then records its own change, which partners read after it: none is missed.
        var live = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM articles WHERE id = ANY({candidates}) AND deleted_at IS NULL ORDER BY id FOR SHARE")
            .ToListAsync(cancellationToken);
        var published = await db.Translations.AsNoTracking()
            .Where(t => live.Contains(t.ArticleId) && t.PublishedRevision != null)
            .Join(db.Articles, t => t.ArticleId, a => a.Id, (t, a) => new { t.ArticleId, a.Slug, t.Language })
            .ToListAsync(cancellationToken);
        foreach (var translation in published)
        {
            journal.RecordChange(translation.ArticleId, translation.Language, now);
        }

        var articles = published
            .GroupBy(t => (t.ArticleId, t.Slug))
            .Select(g => new PublicChange(PublicChangeKind.Updated, g.Key.ArticleId, g.Key.Slug, g.Select(t => t.Language).Order(StringComparer.Ordinal).ToList(), now))
            .ToList();
        journal.Announce(articles);
        return articles.Count;
    }

    /// <summary>
    /// Something the published article shows changed outside its translations (quotes, related links, authors, topics,
    /// slug): partners get a change per published language and webhooks an <c>updated</c> event. The caller saves.
    /// </summary>
    public void PublicPartsChanged(Article article, DateTimeOffset now)
    {
        var languages = article.Translations.Where(t => t.IsPublished).Select(t => t.Language).ToList();
        if (languages.Count > 0)
        {
            journal.Record(PublicChangeKind.Updated, article, languages, now);
        }
    }
}
