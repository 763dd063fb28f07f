using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Languages;

namespace Commentary.Api.Editorial.Workflow;

/// <summary>
/// An article as the management API shows it: the draft of its shared parts (slug to related), every translation with
/// its draft and published snapshot, and, per shared part, whether the draft differs from what readers are shown.
/// </summary>
public sealed record ManagedArticle(
    string Id,
    string Slug,
    string OriginalLanguage,
    ArticleStatus Status,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FirstPublishedAt,
    DateTimeOffset? LastPublishedAt,
    ManagedSchedule? Schedule,
    IReadOnlyList<ManagedReference> Authors,
    IReadOnlyList<ManagedReference> Topics,
    IReadOnlyList<ManagedTranslation> Translations,
    IReadOnlyList<ManagedQuote> Quotes,
    IReadOnlyList<ManagedRelatedLink> Related,
    int? Edition,
    int PartsRevision,
    IReadOnlyList<string> ChangedParts,
    ManagedParts? Published);

/// <summary>Draft: nothing public. Scheduled: nothing public yet, a publication is pending. Published: at least one language is public.</summary>
public enum ArticleStatus
{
    Draft,
    Scheduled,
    Published,
}

/// <summary>
/// A pending publication: when, which languages at which revisions, and whether the current draft has moved on since
/// it was scheduled (<c>differsFromDraft</c>: the schedule still publishes what was scheduled). When publishing it
/// failed, <c>failures</c> counts the attempts, <c>lastError</c> says why and <c>retryAt</c> when it is tried again.
/// </summary>
public sealed record ManagedSchedule(
    DateTimeOffset At,
    IReadOnlyList<string> Languages,
    IReadOnlyDictionary<string, int> Revisions,
    bool DiffersFromDraft,
    int Failures,
    string? LastError,
    DateTimeOffset? RetryAt);

public sealed record ManagedTranslation(
    string Language,
    string Label,
    string Title,
    string? Summary,
    string Body,
    string? Translator,
    int Revision,
    int? SourceRevision,
    bool Outdated,
    bool MachineConverted,
    bool HasUnpublishedChanges,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    PublishedSnapshot? Published,
    ManagedConversion? Conversion = null);

public sealed record PublishedSnapshot(int Revision, string Title, string? Summary, string Body, DateTimeOffset? PublishedAt, DateTimeOffset? UpdatedAt);

internal static class ManagedArticleMapping
{
    public static bool IsOutdated(Article article, Translation translation) =>
        translation.Language != article.OriginalLanguage
        && article.Original is { } original
        && (translation.SourceRevision is null || translation.SourceRevision < original.Revision)
        || ManagedConversions.SourceMovedOn(article, translation);

    public static ArticleStatus StatusOf(Article article) =>
        article.Translations.Any(t => t.IsPublished) ? ArticleStatus.Published
        : article.ScheduledAt is not null ? ArticleStatus.Scheduled
        : ArticleStatus.Draft;

    /// <summary>The parts whose draft differs from what readers are shown; every part while nothing is public.</summary>
    public static IReadOnlyList<string> ChangedParts(Article article) =>
        article.IsPublic() ? article.Draft.DifferencesFrom(ArticleParts.Published(article)) : ArticleParts.Names;

    public static ManagedArticle ToManaged(this Article article, PartNames names)
    {
        var draft = names.Show(article.Draft, asDraft: true);
        return new(
            article.Id.ToString(),
            draft.Slug,
            draft.OriginalLanguage,
            StatusOf(article),
            article.Version,
            article.CreatedAt,
            article.UpdatedAt,
            article.FirstPublishedAt,
            article.LastPublishedAt,
            article.ScheduledAt is { } at
                ? new ManagedSchedule(at, article.ScheduledLanguages, article.ScheduledContent?.Revisions ?? new Dictionary<string, int>(),
                    ScheduleDiffersFromDraft(article), article.ScheduleFailures, article.ScheduleLastError, article.ScheduleRetryAt)
                : null,
            draft.Authors,
            draft.Topics,
            article.Translations.OrderBy(t => Language.All.ToList().IndexOf(t.Language)).Select(t => ToManaged(article, t)).ToList(),
            draft.Quotes,
            draft.Related,
            article.PublishedEdition,
            article.PartsRevision,
            ChangedParts(article),
            article.IsPublic() ? names.Show(ArticleParts.Published(article)) : null);
    }

    /// <summary>Whether a later edit means the schedule no longer publishes the current draft.</summary>
    public static bool ScheduleDiffersFromDraft(Article article) =>
        article.ScheduledContent is { } scheduled
        && (scheduled.PartsRevision != article.PartsRevision
            || article.Translations.Exists(t => scheduled.Revisions.TryGetValue(t.Language, out var revision)
                ? revision != t.Revision
                // A translation the schedule's languages cover that it holds no revision of (created, or deleted and
                // created again, since): publishing now would take it, the schedule will not.
                : article.ScheduledLanguages.Length == 0 || article.ScheduledLanguages.Contains(t.Language)));

    private static ManagedTranslation ToManaged(Article article, Translation t) => new(
        t.Language,
        Language.Label(t.Language),
        t.Title,
        t.Summary,
        t.Body,
        t.Translator,
        t.Revision,
        t.SourceRevision,
        IsOutdated(article, t),
        t.MachineConverted,
        t.HasUnpublishedChanges,
        t.CreatedAt,
        t.UpdatedAt,
        t.PublishedRevision is { } revision
            ? new PublishedSnapshot(revision, t.PublishedTitle!, t.PublishedSummary, t.PublishedBody!, t.PublishedAt, t.PublishedUpdatedAt)
            : null,
        ManagedConversions.Of(t));
}
