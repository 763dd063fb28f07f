using Commentary.Api.Common.Errors;
using Commentary.Api.Common.Http;
using Commentary.Api.Common.Languages;
using Commentary.Api.Data;
using Commentary.Api.Features.Publishing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Features.Articles.Manage;

public static class DeleteTranslation
{
    public static async Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(
        string id, string lang, HttpContext context, CommentaryDbContext db, ArticlePublisher publisher, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Language.TryNormalize(lang, out var language))
        {
            return Problems.Validation("lang", $"must be one of {Language.SupportedList}.");
        }

        if (await ManagedArticles.LoadAsync(db, id, cancellationToken) is not { } article)
        {
            return ManagedArticles.NotFound(id);
        }

        if (ETags.PreconditionProblem(context.Request, article.Version) is { } precondition)
        {
            return precondition;
        }

        if (article.Translations.Find(t => t.Language == language) is not { } translation)
        {
            return Problems.NotFound($"The article has no '{language}' translation.");
        }

        if (language == article.OriginalLanguage)
        {
            return Problems.Conflict($"'{language}' is the article's original language; make another language the original first (PATCH originalLanguage).");
        }

        var now = time.GetUtcNow();
        if (translation.IsPublished)
        {
            publisher.RecordChange(article, language, now);
        }

        article.Translations.Remove(translation);
        db.Translations.Remove(translation);
        article.ScheduledLanguages = article.ScheduledLanguages.Where(l => l != language).ToArray();
        article.Touch(now);
        if (await ManagedArticles.SaveAsync(db, null, cancellationToken) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await ManagedArticles.RespondAsync(context, db, article, cancellationToken));
    }
}
