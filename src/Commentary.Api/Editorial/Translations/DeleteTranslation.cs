using Commentary.Api.Content;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Editorial.Translations;

public static class DeleteTranslation
{
    public static Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(string id, string lang, [AsParameters] ArticleUpdate update) =>
        update.ApplyToNonOriginalTranslationAsync(id, lang,
            "is the article's original language; make another language the original first (PATCH originalLanguage).",
            async (article, translation) =>
            {
                var now = update.Time.GetUtcNow();
                await update.Publisher.WithdrawDeletedTranslationAsync(article, translation, update.Context.User.KeyName(), now, update.CancellationToken);
                article.Translations.Remove(translation);
                update.Db.Translations.Remove(translation);
                article.ScheduledLanguages = article.ScheduledLanguages.Where(l => l != translation.Language).ToArray();
                // The schedule recorded a revision number of this translation; one created again later starts its
                // numbers anew, and its text was never scheduled.
                if (article.ScheduledContent is { } scheduled)
                {
                    article.ScheduledContent = scheduled with
                    {
                        Revisions = scheduled.Revisions.Where(r => r.Key != translation.Language).ToDictionary(r => r.Key, r => r.Value),
                    };
                }

                article.Touch(now);
                return Edit.Changes;
            });
}
