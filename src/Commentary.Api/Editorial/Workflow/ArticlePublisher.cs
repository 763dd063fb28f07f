using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Journal;
using Commentary.Api.Content.Rendering;
using Commentary.Api.Platform.Database;
using Commentary.Text;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Workflow;

/// <summary>
/// Moves drafts into the public snapshot and back: each publish writes an <see cref="ArticleEdition"/> and copies it
/// into the rows readers are served from. Every change of public content is also written to the
/// <see cref="ContentJournal"/> in the same unit of work, which is how partner sync, webhooks and prebuilt pages hear of it.
/// </summary>
public sealed class ArticlePublisher(CommentaryDbContext db, ContentJournal journal, MarkdownRenderer markdown)
{
    /// <summary>
    /// Publishes the current draft: the shared parts and the text of <paramref name="languages"/> (every translation when
    /// empty), as a new edition. Returns the languages published. The caller saves.
    /// </summary>
    public async Task<IReadOnlyList<string>> PublishDraftAsync(
        Article article, IReadOnlyCollection<string> languages, string publishedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var texts = article.Translations
            .Where(t => languages.Count == 0 || languages.Contains(t.Language))
            .ToDictionary(t => t.Language, t => new PublishedText(t.Revision, t.Title, t.Summary, t.Body));
        var parts = article.Draft;
        var published = await PublishAsync(article, texts, parts, article.PartsRevision, publishedBy, now, cancellationToken);
        article.DraftParts = null;
        return published;
    }

    /// <summary>
    /// Publishes what a schedule froze: the recorded revision of each language (those deleted since are skipped) and
    /// the shared parts as they were drafted then; later edits stay in the draft. The caller saves.
    /// </summary>
    public async Task<IReadOnlyList<string>> PublishScheduledAsync(Article article, ScheduledContent content, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var translations = article.Translations.Where(t => content.Revisions.ContainsKey(t.Language)).ToList();
        var ids = translations.Select(t => t.Id).ToList();
        var revisions = await db.TranslationRevisions.AsNoTracking().Where(r => ids.Contains(r.TranslationId)).ToListAsync(cancellationToken);
        var texts = new Dictionary<string, PublishedText>();
        foreach (var translation in translations)
        {
            var number = content.Revisions[translation.Language];
            if (revisions.Find(r => r.TranslationId == translation.Id && r.Number == number) is { } revision)
            {
                texts[translation.Language] = new PublishedText(number, revision.Title, revision.Summary, revision.Body);
            }
        }

        var parts = content.Parts ?? ArticleParts.Published(article);
        if (texts.Count == 0)
        {
            return [];
        }

        // The draft as it stands now (null means "what readers were shown until this publish"), taken before the
        // published rows change: it stays the draft, and is stored as none only when it equals what goes out.
        var draft = article.Draft;
        var published = await PublishAsync(article, texts, parts, content.PartsRevision, content.ScheduledBy, now, cancellationToken);
        article.DraftParts = draft.DifferencesFrom(parts).Count == 0 ? null : draft;

        return published;
    }

    private async Task<IReadOnlyList<string>> PublishAsync(
        Article article, IReadOnlyDictionary<string, PublishedText> texts, ArticleParts parts, int partsRevision, string publishedBy,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var wasPublic = article.IsPublic();
        var partsChanged = ArticleParts.Published(article).DifferencesFrom(parts).Count > 0;
        foreach (var translation in article.Translations.Where(t => texts.ContainsKey(t.Language)))
        {
            var text = texts[translation.Language];
            translation.PublishedRevision = text.Revision;
            translation.PublishedTitle = text.Title;
            translation.PublishedSummary = text.Summary;
            translation.PublishedBody = text.Body;
            translation.PublishedBodyHtml = markdown.ToHtml(text.Body);
            translation.PublishedSearchText = SearchText.ForDocument(text.Title, text.Summary, text.Body);
            translation.PublishedAt ??= now;
            translation.PublishedUpdatedAt = now;
        }

        await PublishedParts.ApplyAsync(db, article, parts, now, cancellationToken);
        article.FirstPublishedAt ??= now;
        article.LastPublishedAt = now;
        article.Touch(now);
        article.PublishedEdition = ++article.EditionCount;
        db.ArticleEditions.Add(EditionOf(article, article.Translations.Where(t => t.IsPublished), texts.Keys, parts, partsRevision, publishedBy, now));

        // A change of the shared parts shows on every published language's page, whichever languages were named.
        var changed = article.Translations.Where(t => t.IsPublished && (partsChanged || texts.ContainsKey(t.Language)))
            .Select(t => t.Language).Order(StringComparer.Ordinal).ToList();
        journal.Record(wasPublic ? PublicChangeKind.Updated : PublicChangeKind.Published, article, changed, now);
        await RecordLinkingArticlesChangedAsync(article.Id, now, cancellationToken);
        return texts.Keys.Order(StringComparer.Ordinal).ToList();
    }

    /// <param name="shown">The translations readers are shown once this edition is current.</param>
    private ArticleEdition EditionOf(
        Article article, IEnumerable<Translation> shown, IEnumerable<string> named, ArticleParts parts, int partsRevision, string publishedBy, DateTimeOffset now)
    {
        var published = shown.OrderBy(t => t.Language, StringComparer.Ordinal).ToList();
        return new ArticleEdition
        {
            ArticleId = article.Id,
            Number = article.EditionCount,
            PublishedAt = now,
            PublishedBy = publishedBy,
            Languages = named.Order(StringComparer.Ordinal).ToArray(),
            PartsRevision = partsRevision,
            Revisions = published.ToDictionary(t => t.Language, t => t.PublishedRevision!.Value),
            Parts = parts,
            Texts = published.ToDictionary(t => t.Language, t => new EditionText(
                t.PublishedTitle!, t.PublishedSummary, t.PublishedBody!, t.PublishedBodyHtml ?? markdown.ToHtml(t.PublishedBody!))),
        };
    }

    /// <summary>
    /// Pages that link to the article show its title and slug: a change row for each of their published languages
    /// re-sends them to partners (the trigger on <c>content_changes</c> already queues them for rendering). In id order,
    /// so two writers touching the same articles take their row locks in the same order.
    /// </summary>
    private async Task RecordLinkingArticlesChangedAsync(Guid articleId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var linking = await db.RelatedLinks.AsNoTracking()
            .Where(r => r.TargetArticleId == articleId && r.ArticleId != articleId && db.Set<Article>().Any(a => a.Id == r.ArticleId && a.DeletedAt == null))
            .Join(db.Translations.Where(t => t.PublishedRevision != null), r => r.ArticleId, t => t.ArticleId, (r, t) => new { t.ArticleId, t.Language })
            .Distinct()
            .ToListAsync(cancellationToken);
        foreach (var page in linking.OrderBy(p => p.ArticleId).ThenBy(p => p.Language, StringComparer.Ordinal))
        {
            journal.RecordChange(page.ArticleId, page.Language, now);
        }
    }

    /// <summary>Withdraws every published translation; the drafts, the editions and their history stay. The caller saves.</summary>
    public async Task<IReadOnlyList<string>> UnpublishAsync(Article article, DateTimeOffset now, CancellationToken cancellationToken)
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
        article.PublishedEdition = null;
        if (withdrawn.Count > 0)
        {
            journal.Record(PublicChangeKind.Unpublished, article, withdrawn, now);
            await RecordLinkingArticlesChangedAsync(article.Id, now, cancellationToken);
        }

        return withdrawn;
    }

    /// <summary>Soft-deletes the article: it leaves every public endpoint and partners receive a delete. The caller saves.</summary>
    public async Task DeleteAsync(Article article, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var withdrawn = article.Translations.Where(t => t.IsPublished).Select(t => t.Language).ToList();
        if (withdrawn.Count > 0)
        {
            journal.Record(PublicChangeKind.Deleted, article, withdrawn, now);
            await RecordLinkingArticlesChangedAsync(article.Id, now, cancellationToken);
        }

        article.DeletedAt = now;
        article.PublishedEdition = null;
        article.ClearSchedule();
        article.Touch(now);
    }

    /// <summary>
    /// The public side of deleting a translation: partners get a delete of that language, webhooks an "updated" event,
    /// or "unpublished" when it was the last published language and the article left the public site. What readers see
    /// changed, so it is recorded like a publish: a new edition of the remaining languages (naming none; the shared parts
    /// as published), or, when none remains, no current edition, as after an unpublish. The caller removes the
    /// translation and saves.
    /// </summary>
    public async Task WithdrawDeletedTranslationAsync(Article article, Translation translation, string deletedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!translation.IsPublished)
        {
            return;
        }

        var remaining = article.Translations.Where(t => t != translation && t.IsPublished).ToList();
        journal.Record(remaining.Count > 0 ? PublicChangeKind.Updated : PublicChangeKind.Unpublished, article, [translation.Language], now);
        if (remaining.Count == 0)
        {
            article.PublishedEdition = null;
            return;
        }

        var partsRevision = await db.ArticleEditions.AsNoTracking()
            .Where(e => e.ArticleId == article.Id && e.Number == article.PublishedEdition)
            .Select(e => (int?)e.PartsRevision)
            .SingleOrDefaultAsync(cancellationToken) ?? article.PartsRevision;
        article.PublishedEdition = ++article.EditionCount;
        db.ArticleEditions.Add(EditionOf(article, remaining, [], ArticleParts.Published(article), partsRevision, deletedBy, now));
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
            .OrderBy(t => t.ArticleId).ThenBy(t => t.Language)
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
}

/// <summary>The text of one language as a publish takes it: a draft, or the revision a schedule recorded.</summary>
public sealed record PublishedText(int Revision, string Title, string? Summary, string Body);
