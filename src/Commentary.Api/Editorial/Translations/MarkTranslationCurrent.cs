using Commentary.Api.Content.Articles;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Editorial.Translations;

public static class MarkTranslationCurrent
{
    /// <summary>For a translator who checked a translation against the new original and found nothing to change.</summary>
    public static async Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(
        string id, string lang, HttpContext context, CommentaryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var loaded = await ArticleEditing.LoadTranslationForUpdateAsync(context, db, id, lang, cancellationToken);
        if (loaded is not (Article article, Translation translation, null))
        {
            return loaded.Problem!;
        }

        var language = translation.Language;

        if (language == article.OriginalLanguage)
        {
            return Problems.Conflict($"'{language}' is the original language; it is always current.");
        }

        translation.SourceRevision = article.Original?.Revision;
        article.Touch(time.GetUtcNow());
        return await ArticleEditing.SaveAndRespondAsync(context, db, article, cancellationToken);
    }
}
