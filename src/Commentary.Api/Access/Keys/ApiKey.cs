using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Access.Keys;

/// <summary>
/// A named credential with one role. Only a SHA-256 hash of the secret is stored; <see cref="LookupId"/> is the
/// non-secret part of the key that finds the row, so the hash can then be compared in constant time.
/// </summary>
public sealed class ApiKey : INotShownToReaders
{
    public const int NameMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Role { get; set; }
    public required string LookupId { get; set; }
    public required byte[] SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("api_keys");
        key.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength);
        key.Property(k => k.Role).HasMaxLength(16);
        key.Property(k => k.LookupId).HasMaxLength(32);
        key.Property(k => k.SecretHash).HasMaxLength(32);
        key.HasIndex(k => k.LookupId).IsUnique();
    }
}

public static class ApiKeySets
{
    extension(CommentaryDbContext db)
    {
        public DbSet<ApiKey> ApiKeys => db.Set<ApiKey>();
    }
}
