using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Partners.Webhooks;

/// <param name="Secret">Optional: a <c>whsec_</c> secret (24-64 bytes, base64) or a plain secret of 24-200 characters; generated when omitted.</param>
public sealed record CreateWebhookRequest(string Url, IReadOnlyList<string> Events, string? Secret);

public sealed class CreateWebhookValidator : AbstractValidator<CreateWebhookRequest>
{
    public CreateWebhookValidator(IOptions<WebhookOptions> options)
    {
        RuleFor(r => r.Url).ValidText(WebhookTargets.UrlMaxLength, required: true);
        RuleFor(r => r.Url)
            .MustAsync(async (_, url, context, cancellationToken) =>
            {
                var refusal = await WebhookTargets.RefusalAsync(url!.Trim(), options.Value.AllowPrivateTargets, cancellationToken);
                if (refusal is not null)
                {
                    context.MessageFormatter.AppendArgument("Refusal", refusal);
                }

                return refusal is null;
            })
            .WithMessage("{Refusal}")
            .When(r => !string.IsNullOrWhiteSpace(r.Url) && !r.Url.Contains('\0', StringComparison.Ordinal) && TextRules.IsWellFormed(r.Url)
                       && r.Url.Length <= WebhookTargets.UrlMaxLength);
        RuleFor(r => r.Events).NotEmpty().WithMessage("must name at least one event.")
            .Must(e => e is null || e.Count <= MaxEvents).WithMessage($"must have at most {MaxEvents} entries.")
            .Must(e => e is null || e.All(x => WebhookEvents.All.Contains(x)))
            .WithMessage($"must only contain: {string.Join(", ", WebhookEvents.All)}.");
        RuleFor(r => r.Secret!).ValidText(200)
            .Must(BeUsableSecret).WithMessage("must be whsec_ followed by 24-64 base64-encoded bytes, or 24-200 characters.")
            .When(r => r.Secret is not null);
    }

    /// <summary>Room for every event and a few repeats; a longer list is a mistake or an attack, not a subscription.</summary>
    private const int MaxEvents = 16;

    private static bool BeUsableSecret(string? secret)
    {
        if (secret is null)
        {
            return true;
        }

        return WebhookSignature.TryDecode(secret, out var key)
            ? key.Length is >= 24 and <= 64
            : !secret.StartsWith(WebhookSignature.SecretPrefix, StringComparison.Ordinal) && secret.Length is >= 24 and <= 200 && !secret.Any(char.IsControl);
    }
}

public static class CreateWebhook
{
    public static async Task<Created<CreatedWebhookView>> Handle(
        CreateWebhookRequest request, CommentaryDbContext db, WebhookSecrets secrets, TimeProvider clock, CancellationToken cancellationToken)
    {
        var secret = request.Secret ?? WebhookSignature.NewSecret();
        var webhook = new Webhook
        {
            Url = request.Url.Trim(),
            Events = request.Events.Distinct().ToArray(),
            Secret = secrets.Protect(secret),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/manage/webhooks/{webhook.Id}", CreatedWebhookView.From(webhook, secret));
    }
}
