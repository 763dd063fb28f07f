using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Database;

namespace Commentary.Api.Editorial.Workflow;

/// <summary>The text of a translation as a writer saves it.</summary>
public sealed record TranslationContent(string Title, string? Summary, string Body, string? Translator = null, bool MachineConverted = false);

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
            SourceRevision = language == article.OriginalLanguage ? null : article.Original?.Revision,
            CreatedAt = now,
            UpdatedAt = now,
        };
        article.Translations.Add(translation);
        // Explicitly Added: EF would take an entity with a preset Guid key found through a tracked article's collection for an existing row.
        db.Translations.Add(translation);
        db.TranslationRevisions.Add(RevisionOf(translation, savedBy, now));
        return translation;
    }

    public static void Save(CommentaryDbContext db, Article article, Translation translation, TranslationContent content, string? savedBy, DateTimeOffset now)
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
            // Saving a translation means its translator has worked from the current original.
            translation.SourceRevision = article.Original?.Revision;
        }

        db.TranslationRevisions.Add(RevisionOf(translation, savedBy, now));
    }

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
        CreatedAt = now,
        CreatedBy = savedBy,
    };
}
