using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Database;

namespace Commentary.Api.Editorial.Workflow;

/// <summary>
/// The text of a translation as a writer saves it. <paramref name="Conversion"/> is set when the text is a conversion
/// (made now, or restored from a converted revision).
/// </summary>
public sealed record TranslationContent(
    string Title, string? Summary, string Body, string? Translator = null, bool MachineConverted = false, ConversionOrigin? Conversion = null);

/// <summary>
/// What a conversion was made from: the source language, its revision and the configuration, and the revision of the
/// original the source itself was made from (the conversion is as current as its source).
/// </summary>
public sealed record ConversionOrigin(string From, int FromRevision, string Config, int? OriginalRevision);

/// <summary>Saving a translation's draft: every save is a new numbered revision, kept for history and restore.</summary>
public static class TranslationDrafts
{
    public static Translation Create(CommentaryDbContext db, Article article, string language, TranslationContent content, string? savedBy, DateTimeOffset now)
    {
        var translation = new Translation
        {
            ArticleId = article.Id,
            Language = language,
            Title = content.Title,
            Summary = content.Summary,
            Body = content.Body,
            Translator = content.Translator,
            MachineConverted = content.MachineConverted,
            Revision = 1,
            SourceRevision = language == article.OriginalLanguage ? null : content.Conversion is { } conversion ? conversion.OriginalRevision : article.Original?.Revision,
            CreatedAt = now,
            UpdatedAt = now,
        };
        SetOrigin(translation, content);
        article.Translations.Add(translation);
        // Explicitly Added: EF would take an entity with a preset Guid key found through a tracked article's collection for an existing row.
        db.Translations.Add(translation);
        db.TranslationRevisions.Add(RevisionOf(translation, savedBy, now));
        return translation;
    }

    public static Translation Save(CommentaryDbContext db, Article article, Translation translation, TranslationContent content, string? savedBy, DateTimeOffset now)
    {
        translation.Title = content.Title;
        translation.Summary = content.Summary;
        translation.Body = content.Body;
        translation.Translator = content.Translator ?? translation.Translator;
        translation.MachineConverted = content.MachineConverted;
        translation.Revision++;
        translation.UpdatedAt = now;
        if (translation.Language != article.OriginalLanguage)
        {
            // Saving a translation means its translator has worked from the current original; a conversion is as current as its source.
            translation.SourceRevision = content.Conversion is { } conversion ? conversion.OriginalRevision : article.Original?.Revision;
        }

        SetOrigin(translation, content);

        db.TranslationRevisions.Add(RevisionOf(translation, savedBy, now));
        return translation;
    }

    /// <summary>
    /// A conversion records its origin. Other machine text (<c>machineConverted</c> sent by a client) came from outside,
    /// so the API cannot refresh it: the origin goes. A person's save keeps it, so the source moving on shows as outdated.
    /// </summary>
    private static void SetOrigin(Translation translation, TranslationContent content)
    {
        if (content.Conversion is { } origin)
        {
            (translation.ConvertedFrom, translation.ConvertedFromRevision, translation.ConvertedWith) = (origin.From, origin.FromRevision, origin.Config);
        }
        else if (content.MachineConverted)
        {
            (translation.ConvertedFrom, translation.ConvertedFromRevision, translation.ConvertedWith) = (null, null, null);
        }
    }

    /// <summary>The origin recorded with a revision, for restoring it.</summary>
    public static ConversionOrigin? OriginOf(TranslationRevision revision) =>
        revision is { ConvertedFrom: { } from, ConvertedFromRevision: { } fromRevision, ConvertedWith: { } config }
            ? new ConversionOrigin(from, fromRevision, config, revision.SourceRevision)
            : null;

    private static TranslationRevision RevisionOf(Translation translation, string? savedBy, DateTimeOffset now) => new()
    {
        TranslationId = translation.Id,
        Number = translation.Revision,
        Title = translation.Title,
        Summary = translation.Summary,
        Body = translation.Body,
        Translator = translation.Translator,
        SourceRevision = translation.SourceRevision,
        MachineConverted = translation.MachineConverted,
        ConvertedFrom = translation.ConvertedFrom,
        ConvertedFromRevision = translation.ConvertedFromRevision,
        ConvertedWith = translation.ConvertedWith,
        CreatedAt = now,
        CreatedBy = savedBy,
    };
}
