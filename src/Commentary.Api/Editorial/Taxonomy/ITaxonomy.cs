using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Database;

namespace Commentary.Api.Editorial.Taxonomy;

/// <summary>The body of a create (POST) or replace (PUT): an optional slug and the localized name.</summary>
public interface ITaxonomyRequest
{
    string? Slug { get; }
    IDictionary<string, string>? Name { get; }
}

/// <summary>
/// One taxonomy feature (sources, authors, topics) described once, so that the generic handlers in
/// <see cref="TaxonomyHandlers{TFeature, TEntity, TRequest, TResponse}"/> serve all three the same way.
/// </summary>
public interface ITaxonomy<TEntity, in TRequest, out TResponse>
    where TEntity : class, ITaxonomyEntity
    where TRequest : ITaxonomyRequest
{
    /// <summary>The singular noun in messages and operation ids, for example "source".</summary>
    static abstract string Noun { get; }

    /// <summary>The route prefix, for example "/api/manage/sources".</summary>
    static abstract string Route { get; }

    static abstract TEntity New(string slug);

    /// <summary>Copies the request's fields (all but the slug) onto the entity; a PUT replaces, so missing optional fields clear.</summary>
    static abstract void Apply(TRequest request, TEntity entity);

    static abstract TResponse ToResponse(TEntity entity);

    /// <summary>Whether any article (quotes, authors, topics) still points at the entity; such an entity cannot be deleted.</summary>
    static abstract Task<bool> IsInUseAsync(CommentaryDbContext db, Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// The fields published articles show of the entity (slug, names, a source's role), compared before and after a
    /// replace: when they differ, every published article that refers to the entity changed for readers and partners.
    /// </summary>
    static abstract IEnumerable<string?> ShownOnArticles(TEntity entity);

    /// <summary>The ids of the articles (any state) that refer to the entity.</summary>
    static abstract IQueryable<Guid> ArticlesUsing(CommentaryDbContext db, Guid id);
}
