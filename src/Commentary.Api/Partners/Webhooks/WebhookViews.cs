namespace Commentary.Api.Partners.Webhooks;

/// <param name="RotationOverlapEndsAt">While a rotation's overlap lasts, deliveries carry the old signature too, until then.</param>
public sealed record WebhookView(
    string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, string? DisabledReason, DateTimeOffset? RotationOverlapEndsAt)
{
    public static WebhookView From(Webhook w, DateTimeOffset now) => new(
        w.Id.ToString(), w.Url, w.Events, w.CreatedAt, w.DisabledAt, w.DisabledReason,
        w.PreviousSecretExpiresAt > now ? w.PreviousSecretExpiresAt : null);
}

/// <summary>The answer to a rotation: the only time the new secret is shown.</summary>
/// <param name="PreviousSecretExpiresAt">Until then deliveries are signed with both secrets; afterwards with the new one only.</param>
public sealed record RotatedSecretView(string Id, string Secret, DateTimeOffset PreviousSecretExpiresAt);

/// <summary>The answer to a registration: the only time the secret is shown.</summary>
public sealed record CreatedWebhookView(string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string Secret)
{
    public static CreatedWebhookView From(Webhook w, string secret) => new(w.Id.ToString(), w.Url, w.Events, w.CreatedAt, secret);
}

/// <summary>Status and timing of a delivery; never the receiver's response body or headers.</summary>
public sealed record DeliveryView(
    string Id, string Event, string ArticleId, string Status, int Attempts, int? LastStatusCode, int? LastDurationMs, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? CompletedAt)
{
    public static DeliveryView From(WebhookDelivery d) => new(
        d.Id.ToString(), d.Event, d.ArticleId.ToString(), d.Status, d.Attempts, d.LastStatusCode, d.LastDurationMs, d.LastError,
        d.CreatedAt, d.LastAttemptAt, d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.CompletedAt);
}
