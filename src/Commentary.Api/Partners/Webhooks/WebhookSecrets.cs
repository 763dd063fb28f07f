using Commentary.Api.Platform.Database;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Partners.Webhooks;

/// <summary>
/// Webhook secrets are stored encrypted with Data Protection (its key ring in PostgreSQL, itself encrypted in
/// Production): the dispatcher must read them back to sign, so they cannot be hashed like API keys.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    /// <summary>What every Data Protection payload starts with, base64url-encoded (its magic header).</summary>
    private const string ProtectedPrefix = "CfDJ8";

    private readonly IDataProtector _protector = protection.CreateProtector("Commentary.Webhooks.Secret");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Reveal(string stored) => _protector.Unprotect(stored);

    /// <summary>A secret stored in the clear by a release before this one.</summary>
    public static bool IsInTheClear(string? stored) => stored is not null && !stored.StartsWith(ProtectedPrefix, StringComparison.Ordinal);
}

/// <summary>At start-up, encrypts any webhook secret an earlier release stored in the clear.</summary>
public sealed class WebhookSecretsUpgrade(CommentaryDbContext db, WebhookSecrets secrets, ILogger<WebhookSecretsUpgrade> logger) : IDatabaseSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var webhooks = await db.Webhooks.ToListAsync(cancellationToken);
        var upgraded = 0;
        foreach (var webhook in webhooks.Where(w => WebhookSecrets.IsInTheClear(w.Secret) || WebhookSecrets.IsInTheClear(w.PreviousSecret)))
        {
            webhook.Secret = WebhookSecrets.IsInTheClear(webhook.Secret) ? secrets.Protect(webhook.Secret) : webhook.Secret;
            webhook.PreviousSecret = WebhookSecrets.IsInTheClear(webhook.PreviousSecret) ? secrets.Protect(webhook.PreviousSecret!) : webhook.PreviousSecret;
            upgraded++;
        }

        if (upgraded > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Encrypted the secrets of {Count} webhooks stored in the clear by an earlier release", upgraded);
        }
    }
}
