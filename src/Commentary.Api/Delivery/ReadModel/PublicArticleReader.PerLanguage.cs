using Commentary.Api.Content.Articles;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Delivery.ReadModel;

/// <summary>Reads of one language without fallback: feeds, the sitemap and partner sync.</summary>
public sealed partial class PublicArticleReader
{
    /// <summary>
    /// Every public translation (<see cref="PublicContent.PublicTranslations"/>), as a query to filter and page: the
    /// index behind feeds and the sitemap.
    /// </summary>
    public IQueryable<PublishedTranslationRef> PublishedTranslations() =>
        from p in db.PublicTranslations()
        select new PublishedTranslationRef
        {
            ArticleId = p.Article.Id,
            Slug = p.Article.Slug,
            OriginalLanguage = p.Article.PublishedOriginalLanguage!,
            Language = p.Translation.Language,
            // A public translation has a published_at; the bare column (no COALESCE) lets "newest in a language" walk the
            // (language, published_at) index instead of sorting every published translation (218 ms -> 4 ms at 100k).
            PublishedAt = p.Translation.PublishedAt!.Value,
            UpdatedAt = p.Translation.PublishedUpdatedAt ?? p.Article.LastPublishedAt ?? p.Article.UpdatedAt,
        };

    /// <summary>
    /// The articles among <paramref name="ids"/> whose <paramref name="language"/> translation is published, in that
    /// language only (no fallback), in the order of <paramref name="ids"/>: what per-language feeds and partner sync serve.
    /// </summary>
    public async Task<IReadOnlyList<PublicArticle>> ReadInLanguageAsync(IReadOnlyCollection<Guid> ids, string language, CancellationToken cancellationToken) =>
        (await ReadAsync(ids, language, cancellationToken)).Where(a => a.Language == language && !a.Converted).ToList();
}

/// <summary>One published translation of a live article: what it takes to link to it.</summary>
public sealed class PublishedTranslationRef
{
    public Guid ArticleId { get; init; }
    public string Slug { get; init; } = "";
    public string OriginalLanguage { get; init; } = "";
    public string Language { get; init; } = "";
    public DateTimeOffset PublishedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
