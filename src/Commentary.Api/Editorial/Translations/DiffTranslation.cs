using System.Globalization;
using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Diffing;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Languages;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Translations;

/// <summary><c>from</c> and <c>to</c>: a revision number, <c>draft</c> or <c>published</c>; absent or empty takes the default.</summary>
public sealed record DiffTranslationQuery(
    [FromQuery(Name = "from")] string? From = null,
    [FromQuery(Name = "to")] string? To = null);

public sealed class DiffTranslationQueryValidator : AbstractValidator<DiffTranslationQuery>
{
    public DiffTranslationQueryValidator()
    {
        RuleFor(q => q.From).Must(RevisionSelector.IsValid).WithMessage(RevisionSelector.Rule);
        RuleFor(q => q.To).Must(RevisionSelector.IsValid).WithMessage(RevisionSelector.Rule);
    }
}

/// <summary>The two revisions compared, the original the translation was made from, and the segments of each field.</summary>
public sealed record TranslationDiff(
    string Language,
    DiffGranularity Granularity,
    DiffRevision From,
    DiffRevision To,
    DiffOriginal? Original,
    FieldDiff Title,
    FieldDiff Summary,
    FieldDiff Body);

/// <summary>One side of the diff: which revision <c>from</c> or <c>to</c> named, and the original revision it was made from.</summary>
public sealed record DiffRevision(int Revision, DateTimeOffset CreatedAt, string? CreatedBy, int? SourceRevision, bool Draft, bool Published);

/// <summary>
/// For a translation: the original revision its draft was made from, the original's current one, and, when they differ,
/// the diff of the original between them (<c>changesUrl</c>), which is what the translator has to carry over.
/// </summary>
public sealed record DiffOriginal(string Language, int? SourceRevision, int CurrentRevision, bool Outdated, string? ChangesUrl);

public sealed record FieldDiff(bool Changed, IReadOnlyList<DiffSegment> Segments);

public static class DiffTranslation
{
    public static readonly string Description =
        "`from` and `to` are each a revision number, `draft` (the latest revision) or `published` (the revision readers see). " +
        "Defaults: `from=published` (the first revision if the language was never published) and `to=draft`, so a bare call shows " +
        "what the next publish would change. English is compared word by word, 简体 and 繁體 character by character; equal and delete " +
        "segments concatenated are the `from` text, equal and insert segments the `to` text. A changed run of more than " +
        $"{TextDiff.MaxPieces} words or characters is shown deleted and inserted whole. For a translation, `original` names the revision of the original it was " +
        "made from and whether the original has moved on since; `changesUrl` is then this endpoint on the original language from " +
        "that revision to its draft. A revision that does not exist, or `published` for a language never published, is a 404.";

    public static async Task<Results<Ok<TranslationDiff>, ProblemHttpResult>> Handle(
        string id, string lang, [AsParameters] DiffTranslationQuery query, CommentaryDbContext db, CancellationToken cancellationToken)
    {
        var (translation, problem) = await ReadRevisions.FindTranslationAsync(db, id, lang, cancellationToken);
        if (translation is null)
        {
            return problem!;
        }

        var from = RevisionSelector.Resolve("from", query.From, RevisionSelector.Published, translation, out problem);
        var to = RevisionSelector.Resolve("to", query.To, RevisionSelector.Draft, translation, out var toProblem);
        if (from is not { } fromNumber || to is not { } toNumber)
        {
            return problem ?? toProblem!;
        }

        var revisions = await db.TranslationRevisions.AsNoTracking()
            .Where(r => r.TranslationId == translation.Id && (r.Number == fromNumber || r.Number == toNumber))
            .ToDictionaryAsync(r => r.Number, cancellationToken);
        if (!revisions.TryGetValue(fromNumber, out var fromRevision))
        {
            return MissingRevision("from", translation, fromNumber);
        }

        if (!revisions.TryGetValue(toNumber, out var toRevision))
        {
            return MissingRevision("to", translation, toNumber);
        }

        var granularity = translation.Language == Language.English ? DiffGranularity.Word : DiffGranularity.Character;
        return TypedResults.Ok(new TranslationDiff(
            translation.Language,
            granularity,
            Side(fromRevision, translation),
            Side(toRevision, translation),
            await OriginalOfAsync(db, translation, cancellationToken),
            Field(fromRevision.Title, toRevision.Title, granularity),
            Field(fromRevision.Summary ?? "", toRevision.Summary ?? "", granularity),
            Field(fromRevision.Body, toRevision.Body, granularity)));
    }

    private static FieldDiff Field(string from, string to, DiffGranularity granularity) =>
        new(!string.Equals(from, to, StringComparison.Ordinal), TextDiff.Compare(from, to, granularity));

    private static DiffRevision Side(TranslationRevision revision, Translation translation) =>
        new(revision.Number, revision.CreatedAt, revision.CreatedBy, revision.SourceRevision, revision.Number == translation.Revision,
            revision.Number == translation.PublishedRevision);

    private static async Task<DiffOriginal?> OriginalOfAsync(CommentaryDbContext db, Translation translation, CancellationToken cancellationToken)
    {
        var original = await db.Articles.AsNoTracking()
            .Where(a => a.Id == translation.ArticleId)
            .SelectMany(a => a.Translations.Where(t => t.Language == a.OriginalLanguage && t.Language != translation.Language))
            .Select(t => new { t.Language, t.Revision })
            .FirstOrDefaultAsync(cancellationToken);
        if (original is null)
        {
            return null;
        }

        var outdated = translation.SourceRevision is not { } source || source < original.Revision;
        var changesUrl = outdated && translation.SourceRevision is { } madeFrom
            ? $"{ArticleEditing.RoutePrefix}/{translation.ArticleId}/translations/{original.Language}/diff?from={madeFrom}&to={RevisionSelector.Draft}"
            : null;
        return new DiffOriginal(original.Language, translation.SourceRevision, original.Revision, outdated, changesUrl);
    }

    private static ProblemHttpResult MissingRevision(string field, Translation translation, int number) =>
        Problems.NotFound($"{field}: the '{translation.Language}' translation has no revision {number} (its latest is {translation.Revision}).");
}

/// <summary>Reads <c>from</c> and <c>to</c>: a positive revision number, <c>draft</c> or <c>published</c> (any case).</summary>
internal static class RevisionSelector
{
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Rule = "must be a revision number (1 or more), draft or published.";

    public static bool IsValid(string? text) => string.IsNullOrEmpty(text) || IsKeyword(text) || TryParseNumber(text, out _);

    /// <summary>The revision number <paramref name="text"/> names, or null with a 404 when it names a state the translation lacks.</summary>
    public static int? Resolve(string field, string? text, string fallback, Translation translation, out ProblemHttpResult? problem)
    {
        problem = null;
        var selector = string.IsNullOrEmpty(text) ? fallback : text;
        if (TryParseNumber(selector, out var number))
        {
            return number;
        }

        if (string.Equals(selector, Draft, StringComparison.OrdinalIgnoreCase))
        {
            return translation.Revision;
        }

        if (translation.PublishedRevision is { } published)
        {
            return published;
        }

        // By default a never-published translation is compared from its first revision; asked for by name, that is an error.
        if (string.IsNullOrEmpty(text))
        {
            return 1;
        }

        problem = Problems.NotFound($"{field}: the '{translation.Language}' translation has never been published; name a revision number or draft instead.");
        return null;
    }

    private static bool IsKeyword(string text) =>
        string.Equals(text, Draft, StringComparison.OrdinalIgnoreCase) || string.Equals(text, Published, StringComparison.OrdinalIgnoreCase);

    private static bool TryParseNumber(string text, out int number) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= 1;
}
