using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Translations;

public static class RestoreRevision
{
    /// <summary>History is never rewritten: the old content is saved again as the newest revision.</summary>
    public static async Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(
        string id, string lang, int number, HttpContext context, CommentaryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var loaded = await ArticleEditing.LoadTranslationForUpdateAsync(context, db, id, lang, cancellationToken);
        if (loaded is not (Article article, Translation translation, null))
        {
            return loaded.Problem!;
        }

        var revision = await db.TranslationRevisions.AsNoTracking()
            .FirstOrDefaultAsync(r => r.TranslationId == translation.Id && r.Number == number, cancellationToken);
        if (revision is null)
        {
            return Problems.NotFound($"The '{translation.Language}' translation has no revision {number}.");
        }

        var now = time.GetUtcNow();
        var content = new TranslationContent(revision.Title, revision.Summary, revision.Body, revision.Translator, revision.MachineConverted);
        TranslationDrafts.Save(db, article, translation, content, context.User.KeyName(), now);
        article.Touch(now);
        return await ArticleEditing.SaveAndRespondAsync(context, db, article, cancellationToken);
    }
}
