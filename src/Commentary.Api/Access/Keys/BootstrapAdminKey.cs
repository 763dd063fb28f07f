using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Access.Keys;

/// <summary>
/// Makes sure someone can log in: with <c>Commentary:BootstrapAdminKey</c> set, an admin key with that secret exists;
/// without it, and with no admin key at all, one is generated: printed once to the console on a developer's machine,
/// and in Production written to a file only this user can read (container platforms keep standard output as logs).
/// Never to the logs.
/// </summary>
public sealed class BootstrapAdminKey(
    CommentaryDbContext db, IConfiguration configuration, IHostEnvironment environment, TimeProvider clock, ILogger<BootstrapAdminKey> logger) : IDatabaseSeeder
{
    public Task SeedAsync(CancellationToken cancellationToken) => EnsureAsync(cancellationToken);

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var configured = configuration["Commentary:BootstrapAdminKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var hash = ApiKeySecrets.Hash(configured.Trim());
            var lookupId = ApiKeySecrets.LookupIdOf(hash);
            var existing = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.LookupId == lookupId, cancellationToken);
            if (existing is null)
            {
                Add("bootstrap admin", hash);
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Created the admin key from Commentary:BootstrapAdminKey");
            }
            else if (existing.RevokedAt is not null)
            {
                // An admin revoked it on purpose (allowed once another admin exists): a restart must not bring it back.
                logger.LogWarning("Commentary:BootstrapAdminKey names a key revoked at {RevokedAt}; it stays revoked. Remove or change the setting.", existing.RevokedAt);
            }

            return;
        }

        if (await db.ApiKeys.AnyAsync(k => k.Role == Roles.Admin && k.RevokedAt == null, cancellationToken))
        {
            return;
        }

        var secret = ApiKeySecrets.Generate();
        Add("generated admin", ApiKeySecrets.Hash(secret));
        if (environment.IsProduction())
        {
            // Written before the key exists, so a file that cannot be written leaves no key nobody has.
            var path = KeyFilePath();
            await WriteOwnerOnlyAsync(path, secret, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogWarning("No admin API key existed, so one was generated and written to {KeyFile} (readable only by this user). "
                + "Keep it elsewhere and delete the file; Commentary:GeneratedAdminKeyFile sets the path.", path);
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
        Console.WriteLine();
        Console.WriteLine("  No admin API key existed, so one was generated. It is shown only this once; keep it:");
        Console.WriteLine($"    {secret}");
        Console.WriteLine("  Use it as 'Authorization: Bearer <key>' (in Swagger UI: Authorize). Create other keys with POST /api/manage/keys.");
        Console.WriteLine();
    }

    private string KeyFilePath()
    {
        var configured = configuration["Commentary:GeneratedAdminKeyFile"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return Path.Combine(string.IsNullOrEmpty(data) ? environment.ContentRootPath : data, "commentary", "admin-key");
    }

    private static async Task WriteOwnerOnlyAsync(string path, string secret, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // The mode applies only to a file being created: an old file keeps whatever mode it had.
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(secret + "\n"), cancellationToken);
    }

    private void Add(string name, byte[] hash) => db.ApiKeys.Add(new ApiKey
    {
        Name = name,
        Role = Roles.Admin,
        LookupId = ApiKeySecrets.LookupIdOf(hash),
        SecretHash = hash,
        CreatedAt = clock.GetUtcNow(),
    });
}
