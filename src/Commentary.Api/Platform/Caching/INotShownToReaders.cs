namespace Commentary.Api.Platform.Caching;

/// <summary>
/// Marks an entity that no public response shows (API keys, webhooks and their deliveries): saving only such entities
/// leaves the public output cache alone. Everything else evicts its lists, so an entity that forgets the mark costs a
/// cache refill, never a stale page.
/// </summary>
public interface INotShownToReaders;

/// <summary>
/// The journal row every change of an article's public content writes: saving one evicts the cached pages that show
/// that article (<see cref="PublicOutputCache.ArticleTag"/>) besides every list.
/// </summary>
public interface IPublicContentChange
{
    Guid ArticleId { get; }
}
