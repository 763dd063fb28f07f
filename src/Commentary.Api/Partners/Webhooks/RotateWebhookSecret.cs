using Commentary.Api.Platform.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Partners.Webhooks;

/// <summary>
/// Zero-downtime secret rotation: a new secret is generated and shown once, and for
/// <see cref="WebhookOptions.SecretRotationOverlap"/> every delivery is signed with both the new and the old secret, so the
/// receiver can deploy the new secret whenever it likes within the window. Rotating again during an overlap retires the
/// oldest secret at once: only the last two are ever valid.
/// </summary>
public static class RotateWebhookSecret
{
    public static async Task<Results<Ok<RotatedSecretView>, ProblemHttpResult>> Handle(
        Guid id, CommentaryDbContext db, WebhookSecrets secrets, TimeProvider clock, IOptions<WebhookOptions> options, CancellationToken cancellationToken)
    {
        if (await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id, cancellationToken) is not { } webhook)
        {
            return ReadWebhooks.NotFound(id);
        }

        var now = clock.GetUtcNow();
        webhook.PreviousSecret = webhook.Secret;
        webhook.PreviousSecretExpiresAt = now + options.Value.SecretRotationOverlap;
        var secret = WebhookSignature.NewSecret();
        webhook.Secret = secrets.Protect(secret);
        // The version is the concurrency token: of two rotations racing, one fails (412) rather than a secret being lost unseen.
        webhook.Version++;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new RotatedSecretView(webhook.Id.ToString(), secret, webhook.PreviousSecretExpiresAt.Value));
    }
}
