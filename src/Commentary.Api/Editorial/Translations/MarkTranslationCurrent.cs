using Commentary.Api.Editorial.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Editorial.Translations;

public static class MarkTranslationCurrent
{
    /// <summary>
    /// For a translator who checked a translation against the current original (and, for a conversion, its current
    /// source) and found nothing to change: it is current, and reviewed, so the API converts it again no more.
    /// </summary>
    public static Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(string id, string lang, [AsParameters] ArticleUpdate update) =>
        update.ApplyToNonOriginalTranslationAsync(id, lang, "is the original language; it is always current.", (article, translation) =>
        {
            translation.SourceRevision = article.Original?.Revision;
            if (translation.ConvertedFrom is { } from && article.Translations.Find(t => t.Language == from) is { } source)
            {
                translation.ConvertedFromRevision = source.Revision;
            }

            translation.MachineConverted = false;
            article.Touch(update.Time.GetUtcNow());
            return Edit.Changes;
        });
}
