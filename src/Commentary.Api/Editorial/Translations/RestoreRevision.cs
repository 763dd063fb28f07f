using Commentary.Api.Content;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Translations;

public static class RestoreRevision
{
    /// <summary>History is never rewritten: the old content is saved again as the newest revision.</summary>
    public static Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(
        string id, string lang, int number, [AsParameters] ArticleUpdate update, TranslationConversions conversions) =>
        update.ApplyToTranslationAsync(id, lang, async (article, translation) =>
        {
            var revision = await update.Db.TranslationRevisions.AsNoTracking()
                .FirstOrDefaultAsync(r => r.TranslationId == translation.Id && r.Number == number, update.CancellationToken);
            if (revision is null)
            {
                return Problems.NotFound($"The '{translation.Language}' translation has no revision {number}.");
            }

            var now = update.Time.GetUtcNow();
            var content = new TranslationContent(
                revision.Title, revision.Summary, revision.Body, revision.Translator, revision.MachineConverted, TranslationDrafts.OriginOf(revision));
            TranslationDrafts.Save(update.Db, article, translation, content, update.Context.User.KeyName(), now);
            await conversions.RefreshFromAsync(article, translation, update.Context.User.KeyName(), now, update.CancellationToken);
            article.Touch(now);
            return Edit.Changes;
        });
}
