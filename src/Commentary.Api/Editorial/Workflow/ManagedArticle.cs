using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Languages;

namespace Commentary.Api.Editorial.Workflow;

/// <summary>An article as the management API shows it: every translation with its draft and published snapshot.</summary>
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
    IReadOnlyList<ManagedRelatedLink> Related);

/// <summary>Draft: nothing public. Scheduled: nothing public yet, a publication is pending. Published: at least one language is public.</summary>
public enum ArticleStatus
{
    Draft,
    Scheduled,
    Published,
}

public sealed record ManagedSchedule(DateTimeOffset At, IReadOnlyList<string> Languages);

public sealed record ManagedReference(string Slug, Dictionary<string, string> Name);

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

public sealed record ManagedQuote(string Source, string? Outlet, Dictionary<string, string> Text);

/// <summary>Either <c>article</c> (with its slug) or <c>url</c> and <c>title</c>.</summary>
public sealed record ManagedRelatedLink(string? Article, string? ArticleSlug, string? Url, string? Title);

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

    public static ManagedArticle ToManaged(this Article article, IReadOnlyDictionary<Guid, string> relatedSlugs) => new(
        article.Id.ToString(),
        article.Slug,
        article.OriginalLanguage,
        StatusOf(article),
        article.Version,
        article.CreatedAt,
        article.UpdatedAt,
        article.FirstPublishedAt,
        article.LastPublishedAt,
        article.ScheduledAt is { } at ? new ManagedSchedule(at, article.ScheduledLanguages) : null,
        article.Authors.OrderBy(a => a.Position).Select(a => new ManagedReference(a.Term.Slug, a.Term.Name.ToDictionary())).ToList(),
        article.Topics.OrderBy(t => t.Position).Select(t => new ManagedReference(t.Term.Slug, t.Term.Name.ToDictionary())).ToList(),
        article.Translations.OrderBy(t => Language.All.ToList().IndexOf(t.Language)).Select(t => ToManaged(article, t)).ToList(),
        article.Quotes.OrderBy(q => q.Position).Select(q => new ManagedQuote(q.Source.Slug, q.Outlet?.Slug, q.Text.ToDictionary())).ToList(),
        article.RelatedLinks.OrderBy(r => r.Position)
            .Select(r => r.TargetArticleId is { } target
                ? new ManagedRelatedLink(target.ToString(), relatedSlugs.GetValueOrDefault(target), null, null)
                : new ManagedRelatedLink(null, null, r.Url, r.Title))
            .ToList());

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
