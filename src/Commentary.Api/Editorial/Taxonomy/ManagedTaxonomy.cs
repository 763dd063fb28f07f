using System.Text.Json.Serialization;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.OpenApi;

namespace Commentary.Api.Editorial.Taxonomy;

/// <summary>The body of a create (POST) or replace (PUT): an optional slug and the localized name.</summary>
public interface ITaxonomyRequest
{
    string? Slug { get; }
    IDictionary<string, string>? Name { get; }
}

/// <summary>
/// What the management API shows of every term; a term's response adds its own fields. The orders keep the JSON as it
/// was before the fields were shared: a source's kind after the slug, a term's own texts after the name (order 0).
/// </summary>
public abstract record ManagedTerm
{
    protected ManagedTerm(TaxonomyTerm term)
    {
        Id = term.Id;
        Slug = term.Slug;
        Name = term.Name.ToDictionary();
        Version = term.Version;
        CreatedAt = term.CreatedAt;
        UpdatedAt = term.UpdatedAt;
    }

    [JsonPropertyOrder(-4)] public Guid Id { get; init; }
    [JsonPropertyOrder(-3)] public string Slug { get; init; }
    [JsonPropertyOrder(-1)] [ClosedSet(typeof(Language))] public IReadOnlyDictionary<string, string> Name { get; init; }
    [JsonPropertyOrder(1)] public int Version { get; init; }
    [JsonPropertyOrder(2)] public DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyOrder(3)] public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// One taxonomy (sources, authors, topics) as the management API sees it: only what differs from the others, so that
/// <see cref="TaxonomyHandlers{TTaxonomy, TTerm, TRequest, TResponse}"/> serve all three the same way.
/// </summary>
public interface ITaxonomy<TTerm, in TRequest, out TResponse>
    where TTerm : TaxonomyTerm
    where TRequest : ITaxonomyRequest
{
    /// <summary>The singular in operation ids, for example "Source"; lower-cased, the noun in messages and generated slugs.</summary>
    static abstract string Singular { get; }

    /// <summary>The plural in operation ids and tags, for example "Sources"; lower-cased, the last segment of the route.</summary>
    static abstract string Plural { get; }

    static abstract TTerm New(string slug);

    /// <summary>Copies the request's fields beyond slug and name; a PUT replaces, so missing optional fields clear.</summary>
    static abstract void ApplyOwnFields(TRequest request, TTerm term);

    static abstract TResponse ToResponse(TTerm term);

    /// <summary>
    /// What published articles show of the term beyond its slug and names (a source's role), compared before and after a
    /// replace: when anything shown differs, every published article that refers to the term changed for readers and partners.
    /// </summary>
    static virtual IEnumerable<string?> AlsoShownOnArticles(TTerm term) => [];

    /// <summary>The one localized text the term adds to its name (a source's role, an author's bio, a topic's description).</summary>
    static abstract LocalizedText OwnText(TTerm term);

    /// <summary>The name of that text in descriptions ("role", "bio", "description").</summary>
    static abstract string OwnTextName { get; }

    /// <summary>The ids of the articles (any state) that refer to the term; while there is one, it cannot be deleted.</summary>
    static abstract IQueryable<Guid> ArticlesUsing(CommentaryDbContext db, Guid id);
}
