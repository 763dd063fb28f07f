using Commentary.Api.Common.Errors;
using Commentary.Api.Common.Http;
using Commentary.Api.Common.Languages;
using Commentary.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Features.Articles.Manage;

public static class MarkTranslationCurrent
{
    /// <summary>For a translator who checked a translation against the new original and found nothing to change.</summary>
    public static async Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(
        string id, string lang, HttpContext context, CommentaryDbContext db, TimeProvider time, CancellationToken cancellationToken)
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
            return Problems.Conflict($"'{language}' is the original language; it is always current.");
        }

        translation.SourceRevision = article.Original?.Revision;
        article.Touch(time.GetUtcNow());
        if (await ManagedArticles.SaveAsync(db, null, cancellationToken) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await ManagedArticles.RespondAsync(context, db, article, cancellationToken));
    }
}
