using System.Security.Cryptography;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Database;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;

namespace Commentary.Api.Platform.Secrets;

/// <summary>A secret the API generated once for every instance (the cursor key), encrypted with Data Protection.</summary>
public sealed class StoredSecret : INotShownToReaders
{
    public required string Name { get; set; }
    public required string ProtectedValue { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class StoredSecretConfiguration : IEntityTypeConfiguration<StoredSecret>
{
    public void Configure(EntityTypeBuilder<StoredSecret> secret)
    {
        secret.ToTable("stored_secrets");
        secret.HasKey(s => s.Name);
        secret.Property(s => s.Name).HasMaxLength(100);
        secret.Property(s => s.ProtectedValue).HasMaxLength(2_000);
    }
}

/// <summary>Reads, or generates once across every instance, a random secret stored encrypted in <c>stored_secrets</c>.</summary>
public sealed class StoredSecrets(NpgsqlDataSource dataSource, IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Commentary.StoredSecrets");

    /// <summary>The secret named <paramref name="name"/>, or null when none was generated yet.</summary>
    public async Task<byte[]?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT protected_value FROM stored_secrets WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return await command.ExecuteScalarAsync(cancellationToken) is string stored ? _protector.Unprotect(Convert.FromBase64String(stored)) : null;
    }

    /// <summary>The secret named <paramref name="name"/>; the first instance to ask generates it, the others read that one.</summary>
    public async Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken cancellationToken)
    {
        var candidate = Convert.ToBase64String(_protector.Protect(RandomNumberGenerator.GetBytes(length)));
        await using (var insert = dataSource.CreateCommand(
            "INSERT INTO stored_secrets (name, protected_value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING"))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = name });
            insert.Parameters.Add(new NpgsqlParameter { Value = candidate });
            insert.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return await FindAsync(name, cancellationToken) ?? throw new InvalidOperationException($"The stored secret '{name}' vanished after it was written.");
    }
}
