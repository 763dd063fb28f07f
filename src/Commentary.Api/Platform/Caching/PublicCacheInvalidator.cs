using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Commentary.Api.Platform.Caching;

/// <summary>
/// Evicts from the public output cache what a committed change can alter, by what changed: every list (and every page
/// read live) after any change of an entity not marked <see cref="INotShownToReaders"/> (keys, webhooks) or Data
/// Protection's keys, and the prebuilt pages showing each article the change journaled (<see cref="IPublicContentChange"/>).
/// As an EF interceptor it needs no call from features that save through the DbContext: eviction happens after
/// SaveChanges, or after the commit when an explicit transaction is open (evicting earlier would let a concurrent read
/// re-cache the old state).
/// </summary>
public sealed class PublicCacheInvalidator(IOutputCacheStore store) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>Past this many articles in one unit of work, one eviction of everything beats one per article.</summary>
    internal const int MostArticleEvictions = 64;

    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> _pending = [];

    /// <summary>Empties the public output cache.</summary>
    public ValueTask EvictAllAsync(CancellationToken cancellationToken = default) => store.EvictByTagAsync(PublicOutputCache.Tag, cancellationToken);

    /// <summary>Evicts every list and the pages showing <paramref name="articleIds"/>.</summary>
    public async ValueTask EvictAsync(IReadOnlyCollection<Guid> articleIds, CancellationToken cancellationToken = default)
    {
        if (articleIds.Count > MostArticleEvictions)
        {
            await EvictAllAsync(cancellationToken);
            return;
        }

        await store.EvictByTagAsync(PublicOutputCache.ListsTag, cancellationToken);
        foreach (var id in articleIds)
        {
            await store.EvictByTagAsync(PublicOutputCache.ArticleTag(id), cancellationToken);
        }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (TakeIfNoTransaction(eventData.Context) is { } articles)
        {
            EvictAsync(articles).AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (TakeIfNoTransaction(eventData.Context) is { } articles)
        {
            await EvictAsync(articles, CancellationToken.None);
        }

        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (Take(eventData.Context) is { } articles)
        {
            EvictAsync(articles).AsTask().GetAwaiter().GetResult();
        }
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } articles)
        {
            await EvictAsync(articles, CancellationToken.None);
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Notes, before a save, whether it touches what readers see and which articles it journals (a transaction may save several times).</summary>
    private void Mark(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var shown = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is not INotShownToReaders and not Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey)
            .Select(e => e.Entity)
            .ToList();
        if (shown.Count == 0)
        {
            return;
        }

        var articles = _pending.GetValue(context, _ => []);
        articles.UnionWith(shown.OfType<IPublicContentChange>().Select(change => change.ArticleId));
    }

    private HashSet<Guid>? TakeIfNoTransaction(DbContext? context) =>
        context?.Database.CurrentTransaction is null ? Take(context) : null;

    private HashSet<Guid>? Take(DbContext? context) =>
        context is not null && _pending.TryGetValue(context, out var articles) && _pending.Remove(context) ? articles : null;

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
