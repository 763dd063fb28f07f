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
public sealed partial class StoredSecrets(
    NpgsqlDataSource dataSource, IDataProtectionProvider protection, TimeProvider clock, ILogger<StoredSecrets> logger)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Commentary.StoredSecrets");

    /// <summary>
    /// The secret named <paramref name="name"/>, or null when none was generated yet or it can no longer be decrypted
    /// (the key ring was lost, or this instance lacks the certificate it is encrypted with), which is logged.
    /// </summary>
    public async Task<byte[]?> FindAsync(string name, CancellationToken cancellationToken) =>
        await ReadAsync(name, cancellationToken) is { } stored ? TryUnprotect(name, stored) : null;

    /// <summary>
    /// The secret named <paramref name="name"/>; the first instance to ask generates it, the others read that one. One
    /// that can no longer be decrypted is replaced: these secrets only sign what the API can issue again (cursors).
    /// </summary>
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

        var stored = await ReadAsync(name, cancellationToken) ?? throw new InvalidOperationException($"The stored secret '{name}' vanished after it was written.");
        if (TryUnprotect(name, stored) is { } secret)
        {
            return secret;
        }

        // Only the instance that still reads the unreadable value replaces it, so instances racing here agree on one.
        await using (var replace = dataSource.CreateCommand(
            "UPDATE stored_secrets SET protected_value = $2, created_at = $3 WHERE name = $1 AND protected_value = $4"))
        {
            replace.Parameters.Add(new NpgsqlParameter { Value = name });
            replace.Parameters.Add(new NpgsqlParameter { Value = candidate });
            replace.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
            replace.Parameters.Add(new NpgsqlParameter { Value = stored });
            await replace.ExecuteNonQueryAsync(cancellationToken);
        }

        LogReplaced(name);
        return await ReadAsync(name, cancellationToken) is { } replaced && TryUnprotect(name, replaced) is { } fresh
            ? fresh
            : throw new InvalidOperationException($"The stored secret '{name}' could not be replaced by one this instance can read.");
    }

    private async Task<string?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT protected_value FROM stored_secrets WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private byte[]? TryUnprotect(string name, string stored)
    {
        try
        {
            return _protector.Unprotect(Convert.FromBase64String(stored));
        }
        catch (CryptographicException exception)
        {
            LogUnreadable(name, exception.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored secret {Name} cannot be decrypted with this key ring ({Reason}); was the key ring lost, or is this instance missing the Data Protection certificate?")]
    private partial void LogUnreadable(string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replaced the stored secret {Name} with a new one; cursors signed with the old one are no longer accepted, and instances started before keep the old one until they restart.")]
    private partial void LogReplaced(string name);
}
