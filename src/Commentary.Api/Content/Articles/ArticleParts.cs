using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Content.Articles;

/// <summary>
/// What an article shares between its languages: slug, original language, authors, topics, quotes and curated links.
/// It is drafted once for the article (<see cref="Article.DraftParts"/>), frozen by a schedule, recorded in every
/// <see cref="ArticleEdition"/>, and copied by a publish into the tables readers are served from (the article's
/// <c>Slug</c> and <c>PublishedOriginalLanguage</c>, <c>article_authors</c>, <c>article_topics</c>, <c>quotes</c>,
/// <c>related_links</c>). It refers to authors, topics, sources and linked articles by id: their names and titles are
/// resolved when a page is rendered, so a rename reaches every page.
/// </summary>
public sealed record ArticleParts(
    string Slug,
    string OriginalLanguage,
    IReadOnlyList<Guid> Authors,
    IReadOnlyList<Guid> Topics,
    IReadOnlyList<QuotePart> Quotes,
    IReadOnlyList<LinkPart> Related)
{
    /// <summary>The names of the parts, as the management API reports which of them differ from the published edition.</summary>
    public static readonly IReadOnlyList<string> Names = ["slug", "originalLanguage", "authors", "topics", "quotes", "related"];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The parts readers are shown now: the article's published columns and rows (its projection), which must be loaded.</summary>
    public static ArticleParts Published(Article article) => new(
        article.Slug,
        article.PublishedOriginalLanguage ?? article.OriginalLanguage,
        article.Authors.OrderBy(a => a.Position).Select(a => a.TermId).ToList(),
        article.Topics.OrderBy(t => t.Position).Select(t => t.TermId).ToList(),
        article.Quotes.OrderBy(q => q.Position).Select(q => new QuotePart(q.Id, q.SourceId, q.OutletId, q.Text.ToDictionary())).ToList(),
        article.RelatedLinks.OrderBy(r => r.Position).Select(r => new LinkPart(r.Id, r.TargetArticleId, r.Url, r.Title)).ToList());

    /// <summary>The names of the parts in which this and <paramref name="other"/> differ (order counts in lists).</summary>
    public IReadOnlyList<string> DifferencesFrom(ArticleParts other)
    {
        var differences = new List<string>();
        Compare(Slug, other.Slug, "slug");
        Compare(OriginalLanguage, other.OriginalLanguage, "originalLanguage");
        Compare(Serialize(Authors), Serialize(other.Authors), "authors");
        Compare(Serialize(Topics), Serialize(other.Topics), "topics");
        Compare(Serialize(Quotes.Select(q => q with { Id = Guid.Empty })), Serialize(other.Quotes.Select(q => q with { Id = Guid.Empty })), "quotes");
        Compare(Serialize(Related.Select(l => l with { Id = Guid.Empty })), Serialize(other.Related.Select(l => l with { Id = Guid.Empty })), "related");
        return differences;

        void Compare(string mine, string theirs, string name)
        {
            if (!string.Equals(mine, theirs, StringComparison.Ordinal))
            {
                differences.Add(name);
            }
        }
    }

    /// <summary>Every id the parts refer to: a term, source or article that is referred to cannot be deleted.</summary>
    public IEnumerable<Guid> References() =>
        Authors.Concat(Topics).Concat(Quotes.SelectMany(q => q.OutletId is { } outlet ? [q.SourceId, outlet] : new[] { q.SourceId }))
            .Concat(Related.Select(l => l.Article).OfType<Guid>());

    internal static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    internal static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)!;
}

/// <summary>A quote: its source (and the outlet that reported it), and its words per language.</summary>
public sealed record QuotePart(Guid Id, Guid SourceId, Guid? OutletId, IReadOnlyDictionary<string, string> Text);

/// <summary>A curated link: to another article by id, or to an external URL with its title.</summary>
public sealed record LinkPart(Guid Id, Guid? Article, string? Url, string? Title);

/// <summary>Stores a value as <c>jsonb</c> through System.Text.Json, compared by its JSON, so edits are tracked like any column.</summary>
internal static class JsonColumn
{
    public static PropertyBuilder<T> IsJson<T>(this PropertyBuilder<T> property)
    {
        property.HasColumnType("jsonb").HasConversion(
            new Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T, string>(
                v => ArticleParts.Serialize(v), json => ArticleParts.Deserialize<T>(json)),
            new ValueComparer<T>(
                (a, b) => ArticleParts.Serialize(a) == ArticleParts.Serialize(b),
                v => ArticleParts.Serialize(v).GetHashCode(StringComparison.Ordinal),
                v => ArticleParts.Deserialize<T>(ArticleParts.Serialize(v))));
        return property;
    }
}
