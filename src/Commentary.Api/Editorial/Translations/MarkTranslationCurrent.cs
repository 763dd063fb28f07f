using Commentary.Api.Editorial.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Editorial.Translations;

public static class MarkTranslationCurrent
{
    /// <summary>For a translator who checked a translation against the new original and found nothing to change.</summary>
    public static Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(string id, string lang, [AsParameters] ArticleUpdate update) =>
        update.ApplyToNonOriginalTranslationAsync(id, lang, "is the original language; it is always current.", (article, translation) =>
        {
            translation.SourceRevision = article.Original?.Revision;
            article.Touch(update.Time.GetUtcNow());
            return Edit.Changes;
        });
}
