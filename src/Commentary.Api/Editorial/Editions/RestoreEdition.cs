using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Editorial.Articles;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Editions;

/// <summary>
/// Copies an edition into the draft: its shared parts, and each of its languages as a new revision of that translation
/// (created again if it was deleted since). Nothing reaches readers until the next publish; history is never rewritten.
/// </summary>
public static class RestoreEdition
{
    public static Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(
        string id, int number, [AsParameters] ArticleUpdate update, TranslationConversions conversions) =>
        update.ApplyAsync(id, async article =>
        {
            if (await ReadEditions.FindAsync(update.Db, article.Id, number, update.CancellationToken) is not { } edition)
            {
                return ReadEditions.NotFound(number);
            }

            if (edition.Parts is not { } parts || edition.Texts is not { } texts)
            {
                return Problems.Conflict($"Edition {number} was redacted; it has no content to restore.");
            }

            if (await MissingReferenceAsync(update.Db, parts, update.CancellationToken) is { } missing)
            {
                return Problems.Conflict($"Edition {number} refers to '{missing}', which has been deleted since; it cannot be restored.");
            }

            if (parts.Slug != article.Draft.Slug && await ArticleMetadata.SlugTakenAsync(update.Db, parts.Slug, article.Id, update.CancellationToken) is { } taken)
            {
                return taken;
            }

            var now = update.Time.GetUtcNow();
            var savedBy = update.Context.User.KeyName();
            // The original language is editorial bookkeeping (translations are measured against it): it stays as it is.
            var saved = new List<Translation>();
            var changed = ArticleUpdate.EditDraftParts(article, _ => parts with { OriginalLanguage = article.OriginalLanguage }, now).Changed;
            foreach (var (language, text) in texts)
            {
                var content = new TranslationContent(text.Title, text.Summary, text.Body);
                if (article.Translations.Find(t => t.Language == language) is not { } translation)
                {
                    saved.Add(TranslationDrafts.Create(update.Db, article, language, content, savedBy, now));
                    changed = true;
                }
                else if (translation.Title != text.Title || translation.Summary != text.Summary || translation.Body != text.Body)
                {
                    TranslationDrafts.Save(update.Db, article, translation, content with { Translator = translation.Translator }, savedBy, now);
                    saved.Add(translation);
                    changed = true;
                }
            }

            if (!changed)
            {
                return Edit.NoChange;
            }

            // Like every path that saves a draft: unreviewed conversions made from a restored language follow it.
            foreach (var translation in saved)
            {
                await conversions.RefreshFromAsync(article, translation, savedBy, now, update.CancellationToken);
            }

            article.Touch(now);
            return Edit.Changes;
        });

    /// <summary>The first author, topic or source the parts name that no longer exists, by id; null when all do.</summary>
    private static async Task<Guid?> MissingReferenceAsync(CommentaryDbContext db, ArticleParts parts, CancellationToken cancellationToken)
    {
        var terms = parts.References().Except(parts.Related.Select(l => l.Article).OfType<Guid>()).Distinct().ToList();
        var found = await db.Authors.Where(a => terms.Contains(a.Id)).Select(a => a.Id)
            .Concat(db.Topics.Where(t => terms.Contains(t.Id)).Select(t => t.Id))
            .Concat(db.Sources.Where(s => terms.Contains(s.Id)).Select(s => s.Id))
            .ToListAsync(cancellationToken);
        return terms.Except(found).Select(id => (Guid?)id).FirstOrDefault();
    }

}
