namespace Commentary.Api.Platform.Caching;

/// <summary>
/// Marks an entity that no public response shows (API keys, webhooks and their deliveries): saving only such entities
/// leaves the public output cache alone. Everything else evicts it, so an entity that forgets the mark costs a cache
/// refill, never a stale page.
/// </summary>
public interface INotShownToReaders;
