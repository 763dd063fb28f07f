using Commentary.Api.Content.Taxonomy;

namespace Commentary.Api.Content.Articles;

/// <summary>
/// An article and everything that belongs to it. <see cref="Version"/> is bumped by every change of the
/// article or any of its parts, so it is the one concurrency token behind the management ETag.
/// </summary>
public sealed class Article
{
    public const int SlugMaxLength = 120;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public required string OriginalLanguage { get; set; }
    public int Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the article first became public; never moves afterwards, so feeds keep their order.</summary>
    public DateTimeOffset? FirstPublishedAt { get; set; }

    /// <summary>When the public content last changed (a publish); the public <c>updatedAt</c>.</summary>
    public DateTimeOffset? LastPublishedAt { get; set; }

    /// <summary>A pending scheduled publication; the scheduler publishes <see cref="ScheduledLanguages"/> (all when empty).</summary>
    public DateTimeOffset? ScheduledAt { get; set; }
    public string[] ScheduledLanguages { get; set; } = [];

    public DateTimeOffset? DeletedAt { get; set; }

    public List<Translation> Translations { get; set; } = [];
    public List<ArticleAuthor> Authors { get; set; } = [];
    public List<ArticleTopic> Topics { get; set; } = [];
    public List<Quote> Quotes { get; set; } = [];
    public List<RelatedLink> RelatedLinks { get; set; } = [];

    public Translation? Original => Translations.Find(t => t.Language == OriginalLanguage);

    public void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
    }
}

/// <summary>An article's place in a taxonomy it is filed under (its authors, its topics), in the order the editor gave.</summary>
public abstract class ArticleLink<TTerm>
    where TTerm : TaxonomyTerm
{
    public Guid ArticleId { get; set; }
    public Guid TermId { get; set; }
    public int Position { get; set; }
    public TTerm Term { get; set; } = null!;
}

public sealed class ArticleAuthor : ArticleLink<Author>;

public sealed class ArticleTopic : ArticleLink<Topic>;
