using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Conversion;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Glossary;

/// <summary>
/// After a glossary change: converts again every unreviewed conversion the changed terms can affect (its source draft
/// contains one, in a configuration the term applies to) with the glossary as it now is, as a new revision, and only
/// where the text changes. Done at once rather than queued, so no reader or editor ever sees a conversion that disagrees
/// with the glossary: a term appears in few articles, and a conversion takes well under a millisecond.
/// </summary>
public sealed class GlossaryRefresh(CommentaryDbContext db, ContentConverter converter, TranslationConversions conversions, ArticlePublisher publisher)
{
    /// <summary>Runs after the glossary change is saved, in its transaction; saves the refreshed drafts. Returns how many changed.</summary>
    public async Task<int> RefreshAsync(
        IReadOnlyList<(string From, string Term, string Config)> terms, string? savedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        converter.ForgetGlossary();
        var articleIds = new SortedSet<Guid>();
        foreach (var (from, term, config) in terms)
        {
            articleIds.UnionWith(await db.Translations.AsNoTracking()
                .Where(t => t.MachineConverted && t.ConvertedFrom == from && (config == GlossaryTerm.EveryConfig || t.ConvertedWith == config))
                .Where(t => db.Set<Article>().Any(a => a.Id == t.ArticleId && a.DeletedAt == null))
                .Where(t => db.Set<Translation>().Any(s => s.ArticleId == t.ArticleId && s.Language == from
                    && (s.Title.Contains(term) || s.Body.Contains(term) || (s.Summary != null && s.Summary.Contains(term)))))
                .Select(t => t.ArticleId)
                .ToListAsync(cancellationToken));
        }

        var refreshed = 0;
        foreach (var id in articleIds)
        {
            if (await ArticleEditing.LoadAsync(db, id.ToString(), cancellationToken) is not { } article)
            {
                continue;
            }

            var changed = false;
            foreach (var target in article.Translations.Where(t => t.IsUnreviewedConversion).ToList())
            {
                if (article.Translations.Find(t => t.Language == target.ConvertedFrom) is { } source
                    && await conversions.RefreshAsync(article, target, source, savedBy, now, cancellationToken))
                {
                    refreshed++;
                    changed = true;
                }
            }

            if (changed)
            {
                article.Touch(now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await RecordConvertedPagesChangedAsync(terms, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return refreshed;
    }

    /// <summary>
    /// Readers get the other script of an article published in one only as a conversion made on read, with the glossary:
    /// where a changed term is in such a published text, the article changed for readers. Recording it as a public change
    /// queues its prebuilt pages for rebuilding and tells partners (who get the published language again, unchanged).
    /// </summary>
    private async Task RecordConvertedPagesChangedAsync(
        IReadOnlyList<(string From, string Term, string Config)> terms, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var articleIds = new HashSet<Guid>();
        foreach (var (from, term, _) in terms)
        {
            var to = ContentConverter.CounterpartOf(from);
            articleIds.UnionWith(await db.Translations.AsNoTracking()
                .Where(t => t.Language == from && t.PublishedRevision != null
                    && (t.PublishedTitle!.Contains(term) || t.PublishedBody!.Contains(term) || (t.PublishedSummary != null && t.PublishedSummary.Contains(term))))
                .Where(t => !db.Set<Translation>().Any(o => o.ArticleId == t.ArticleId && o.Language == to && o.PublishedRevision != null))
                .Select(t => t.ArticleId)
                .ToListAsync(cancellationToken));
        }

        if (articleIds.Count > 0)
        {
            await publisher.RecordSharedPartChangedAsync(db.Articles.Where(a => articleIds.Contains(a.Id)).Select(a => a.Id), now, cancellationToken);
        }
    }
}
