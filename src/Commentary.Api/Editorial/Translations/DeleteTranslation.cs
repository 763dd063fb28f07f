using Commentary.Api.Content;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Editorial.Translations;

public static class DeleteTranslation
{
    public static Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(string id, string lang, [AsParameters] ArticleUpdate update) =>
        update.ApplyToTranslationAsync(id, lang, (article, translation) =>
        {
            var language = translation.Language;

            if (language == article.OriginalLanguage)
            {
                return Problems.Conflict($"'{language}' is the article's original language; make another language the original first (PATCH originalLanguage).");
            }

            var now = update.Time.GetUtcNow();
            update.Publisher.WithdrawDeletedTranslation(article, translation, now);
            article.Translations.Remove(translation);
            update.Db.Translations.Remove(translation);
            article.ScheduledLanguages = article.ScheduledLanguages.Where(l => l != language).ToArray();
            article.Touch(now);
            return Edit.Changes;
        });
}
