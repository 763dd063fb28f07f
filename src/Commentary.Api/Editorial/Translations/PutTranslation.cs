using Commentary.Api.Content.Articles;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Editorial.Translations;

/// <summary>The draft of one language. <c>machineConverted</c> marks a 简体 ⇄ 繁體 conversion nobody has reviewed yet.</summary>
public sealed record PutTranslationRequest(string Title, string Body, string? Summary = null, string? Translator = null, bool MachineConverted = false);

public sealed class PutTranslationRequestValidator : AbstractValidator<PutTranslationRequest>
{
    public PutTranslationRequestValidator()
    {
        RuleFor(r => r.Title).ValidText(Translation.TitleMaxLength, required: true);
        RuleFor(r => r.Summary).ValidText(Translation.SummaryMaxLength);
        RuleFor(r => r.Body).ValidText(Translation.BodyMaxLength, required: true);
        RuleFor(r => r.Translator).ValidText(Translation.TranslatorMaxLength);
    }
}

public static class PutTranslation
{
    public static async Task<Results<Created<ManagedArticle>, Ok<ManagedArticle>, ProblemHttpResult>> Handle(
        string id,
        string lang,
        PutTranslationRequest request,
        HttpContext context,
        CommentaryDbContext db,
        TimeProvider time,
        TranslationConversions conversions,
        CancellationToken cancellationToken)
    {
        if (!Language.TryNormalize(lang, out var language))
        {
            return Problems.Validation("lang", Language.RuleDescription);
        }

        if (await ArticleEditing.LoadAsync(db, id, cancellationToken) is not { } article)
        {
            return ArticleEditing.NotFound(id);
        }

        var existing = article.Translations.Find(t => t.Language == language);
        if (ETags.PreconditionProblem(context.Request, article.Version, required: existing is not null) is { } precondition)
        {
            return precondition;
        }

        var now = time.GetUtcNow();
        var content = new TranslationContent(
            TextRules.Clean(request.Title), TextRules.TrimToNull(request.Summary), request.Body.Trim(), TextRules.TrimToNull(request.Translator), request.MachineConverted);
        var saved = existing is null
            ? TranslationDrafts.Create(db, article, language, content, context.User.KeyName(), now)
            : TranslationDrafts.Save(db, article, existing, content, context.User.KeyName(), now);
        await conversions.RefreshFromAsync(article, saved, context.User.KeyName(), now, cancellationToken);

        // Drafts are not public: no content change is recorded until the next publish.
        article.Touch(now);
        if (await ArticleEditing.SaveAsync(db, null, cancellationToken) is { } problem)
        {
            return problem;
        }

        var body = await ArticleEditing.RespondAsync(context, db, article, cancellationToken);
        return existing is null ? TypedResults.Created($"{ArticleEditing.Location(article)}/translations/{language}", body) : TypedResults.Ok(body);
    }
}
