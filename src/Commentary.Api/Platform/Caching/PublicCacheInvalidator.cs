using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Commentary.Api.Platform.Caching;

/// <summary>
/// Evicts the public output cache after any committed change that can alter public content (articles, translations,
/// quotes, links, topics, authors, sources, content changes, prebuilt pages): every entity but those marked
/// <see cref="INotShownToReaders"/> (keys, webhooks) and Data Protection's keys. As an EF interceptor it needs no call from features that
/// save through the DbContext: eviction happens after SaveChanges, or after the commit when an explicit transaction is open
/// (evicting earlier would let a concurrent read re-cache the old state). Code that writes without SaveChanges calls
/// <see cref="EvictAsync"/> itself.
/// </summary>
public sealed class PublicCacheInvalidator(IOutputCacheStore store) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    public ValueTask EvictAsync(CancellationToken cancellationToken = default) => store.EvictByTagAsync(PublicOutputCache.Tag, cancellationToken);

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
        if (ShouldEvictNow(eventData.Context))
        {
            EvictAsync().AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (ShouldEvictNow(eventData.Context))
        {
            await EvictAsync(CancellationToken.None);
        }

        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context && _pending.Remove(context))
        {
            EvictAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.Remove(context))
        {
            await EvictAsync(CancellationToken.None);
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Mark(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is not INotShownToReaders and not Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey))
        {
            _pending.AddOrUpdate(context, this);
        }
    }

    private bool ShouldEvictNow(DbContext? context) =>
        context is not null && context.Database.CurrentTransaction is null && _pending.Remove(context);

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
