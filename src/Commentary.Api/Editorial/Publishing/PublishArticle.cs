using System.Globalization;
using System.Text.RegularExpressions;
using Commentary.Api.Content.Articles;
using Commentary.Api.Editorial.Preview;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.Languages;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Editorial.Publishing;

/// <summary>
/// <c>languages</c>: which translations (all when left out); <c>at</c>: an ISO 8601 time with an offset; a future
/// time schedules the publication instead of publishing now.
/// </summary>
public sealed record PublishRequest(IReadOnlyList<string>? Languages = null, string? At = null);

public sealed partial class PublishRequestValidator : AbstractValidator<PublishRequest>
{
    /// <summary>A client clock a little behind ours still means "now", not an error.</summary>
    public static readonly TimeSpan PastTolerance = TimeSpan.FromMinutes(1);

    /// <summary>Every language and a few repeats; 10,000 entries would only cost time.</summary>
    private const int MaxLanguages = 16;

    public PublishRequestValidator(TimeProvider time)
    {
        RuleFor(r => r.Languages).Must(l => l is null || l.Count <= MaxLanguages).WithMessage($"must have at most {MaxLanguages} entries.");
        RuleForEach(r => r.Languages).Must(l => Language.TryNormalize(l, out _)).WithMessage(Language.RuleDescription);
        RuleFor(r => r.At)
            .Must(at => at is null || TryParse(at, out _)).WithMessage("must be an ISO 8601 date and time with an offset, for example 2030-01-31T08:00:00+08:00.")
            .Must(at => at is null || !TryParse(at, out var value) || value.Year is >= 1970 and <= 2200).WithMessage("must lie between the years 1970 and 2200.")
            .Must(at => at is null || !TryParse(at, out var value) || value >= time.GetUtcNow() - PastTolerance).WithMessage("lies in the past.");
    }

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        return WithOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value);
    }

    [GeneratedRegex(@"^\s*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:\d{2})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex WithOffset();
}

public static class PublishArticle
{
    public static async Task<Results<Ok<ManagedArticle>, Accepted<ManagedArticle>, ProblemHttpResult>> Handle(
        string id,
        PublishRequest? request,
        HttpContext context,
        CommentaryDbContext db,
        ArticlePublisher publisher,
        ArticlePreview preview,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await ArticleEditing.LoadAsync(db, id, cancellationToken) is not { } article)
        {
            return ArticleEditing.NotFound(id);
        }

        var languages = (request?.Languages ?? []).Select(l => Language.TryNormalize(l, out var tag) ? tag : l).Distinct().ToArray();
        if (languages.FirstOrDefault(l => article.Translations.TrueForAll(t => t.Language != l)) is { } missing)
        {
            return Problems.Validation("languages", $"The article has no '{missing}' translation.");
        }

        // The article's version, or the ETag of the preview of exactly this publish: the editor publishes what they saw.
        if (ETags.PreconditionProblem(context.Request, article.Version, required: false) is { } precondition
            && !await preview.IfMatchNamesPreviewAsync(context.Request, article, languages, cancellationToken))
        {
            return precondition;
        }

        var now = time.GetUtcNow();
        var scheduled = request?.At is { } at && PublishRequestValidator.TryParse(at, out var when) && when > now ? when : (DateTimeOffset?)null;
        if (scheduled is { } due)
        {
            // The schedule freezes what it will publish: later edits stay in the draft.
            article.ClearSchedule();
            article.ScheduledAt = due.ToUniversalTime();
            article.ScheduledLanguages = languages;
            article.ScheduledContent = new ScheduledContent(
                article.Translations.Where(t => languages.Length == 0 || languages.Contains(t.Language)).ToDictionary(t => t.Language, t => t.Revision),
                article.Draft,
                article.PartsRevision,
                context.User.KeyName());
            article.Touch(now);
        }
        else
        {
            // Publishing now supersedes a pending schedule.
            article.ClearSchedule();
            await publisher.PublishDraftAsync(article, languages, context.User.KeyName(), now, cancellationToken);
        }

        if (await ArticleEditing.SaveAsync(db, article.Slug, cancellationToken) is { } problem)
        {
            return problem;
        }

        var body = await ArticleEditing.RespondAsync(context, db, article, cancellationToken);
        return scheduled is null ? TypedResults.Ok(body) : TypedResults.Accepted(ArticleEditing.Location(article), body);
    }
}
