using Commentary.Api.Content.Articles;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Editorial.Editions;

/// <summary><c>reason</c>: why the content is taken down (a legal request, its reference), kept with the record.</summary>
public sealed record RedactEditionRequest(string Reason);

public sealed class RedactEditionRequestValidator : AbstractValidator<RedactEditionRequest>
{
    public RedactEditionRequestValidator() =>
        RuleFor(r => r.Reason).ValidText(ArticleEditionConfiguration.ReasonMaxLength, required: true);
}

/// <summary>
/// A legal takedown: the edition's content is removed and its record stays (number, time, publisher, revisions, who
/// redacted it and why). Redacting the edition readers see withdraws the article too, as an unpublish does. The
/// draft and the translation history are the editors' to change.
/// </summary>
public static class RedactEdition
{
    public static Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(
        string id, int number, RedactEditionRequest request, [AsParameters] ArticleUpdate update) =>
        update.ApplyAsync(id, async article =>
        {
            if (await ReadEditions.FindAsync(update.Db, article.Id, number, update.CancellationToken) is not { } edition)
            {
                return ReadEditions.NotFound(number);
            }

            if (edition.IsRedacted)
            {
                return Problems.Conflict($"Edition {number} is already redacted.");
            }

            var now = update.Time.GetUtcNow();
            edition.Parts = null;
            edition.Texts = null;
            edition.RedactedAt = now;
            edition.RedactedBy = update.Context.User.KeyName();
            edition.RedactionReason = TextRules.Clean(request.Reason);
            if (article.PublishedEdition == number)
            {
                article.ClearSchedule();
                await update.Publisher.UnpublishAsync(article, now, update.CancellationToken);
            }

            article.Touch(now);
            return Edit.Changes;
        });
}
