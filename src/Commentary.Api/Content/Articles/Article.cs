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
public interface IArticleLink<TTerm>
    where TTerm : TaxonomyTerm
{
    Guid ArticleId { get; set; }
    Guid TermId { get; set; }
    int Position { get; set; }
    TTerm Term { get; set; }
}

public sealed class ArticleAuthor : IArticleLink<Author>
{
    public Guid ArticleId { get; set; }
    public Guid AuthorId { get; set; }
    public int Position { get; set; }
    public Author Author { get; set; } = null!;

    Guid IArticleLink<Author>.TermId { get => AuthorId; set => AuthorId = value; }
    Author IArticleLink<Author>.Term { get => Author; set => Author = value; }
}

public sealed class ArticleTopic : IArticleLink<Topic>
{
    public Guid ArticleId { get; set; }
    public Guid TopicId { get; set; }
    public int Position { get; set; }
    public Topic Topic { get; set; } = null!;

    Guid IArticleLink<Topic>.TermId { get => TopicId; set => TopicId = value; }
    Topic IArticleLink<Topic>.Term { get => Topic; set => Topic = value; }
}
