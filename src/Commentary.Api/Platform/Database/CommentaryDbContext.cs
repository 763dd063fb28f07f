using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Platform.Database;

/// <summary>
/// The one unit of work. It names no entity: each area keeps its entities and their <c>IEntityTypeConfiguration</c>
/// beside its code (found by <c>ApplyConfigurationsFromAssembly</c>) and exposes its sets as extension properties
/// (<c>Content/ContentSets.cs</c>, ...), so the platform depends on no area.
/// </summary>
/// <remarks>
/// Add a migration after changing the model:
/// <c>dotnet ef migrations add &lt;Name&gt; --project src/Commentary.Api --output-dir Platform/Database/Migrations</c>.
/// Apply them in Production with <c>dotnet Commentary.Api.dll migrate</c> (or <c>dotnet run --project src/Commentary.Api -- migrate</c>).
/// </remarks>
public sealed class CommentaryDbContext(DbContextOptions<CommentaryDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>Data Protection's key ring (<c>Platform/Secrets</c>), shared by every instance on the database.</summary>
    DbSet<DataProtectionKey> IDataProtectionKeyContext.DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CommentaryDbContext).Assembly);
}
