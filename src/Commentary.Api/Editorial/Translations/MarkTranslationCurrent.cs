using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Editorial.Translations;

public static class MarkTranslationCurrent
{
    /// <summary>For a translator who checked a translation against the new original and found nothing to change.</summary>
    public static Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(string id, string lang, [AsParameters] ArticleUpdate update) =>
        update.ApplyToTranslationAsync(id, lang, (article, translation) =>
        {
            var language = translation.Language;

            if (language == article.OriginalLanguage)
            {
                return Problems.Conflict($"'{language}' is the original language; it is always current.");
            }

            translation.SourceRevision = article.Original?.Revision;
            article.Touch(update.Time.GetUtcNow());
            return Edit.Changes;
        });
}
