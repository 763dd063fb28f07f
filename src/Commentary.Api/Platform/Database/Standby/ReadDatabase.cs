using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Platform.Database.Standby;

/// <summary>
/// Which server a scope's <see cref="CommentaryDbContext"/> is on: the primary, unless <see cref="StandbyReads"/> gave
/// the request a scope of its own on the standby. Everything that resolves the DbContext (handlers, readers, workers,
/// seeders) gets it from here without knowing.
/// </summary>
public sealed class ReadDatabase(IDbContextFactory<CommentaryDbContext> primary, IServiceProvider services)
{
    public bool OnStandby { get; private set; }

    /// <summary>Set before anything in the scope resolved the DbContext (the scope is new).</summary>
    internal void UseStandby() => OnStandby = true;

    /// <summary>A pooled context; the scope disposes it, which returns it to its pool.</summary>
    internal CommentaryDbContext CreateContext() =>
        OnStandby ? services.GetRequiredService<StandbyDatabase>().Contexts.CreateDbContext() : primary.CreateDbContext();
}
