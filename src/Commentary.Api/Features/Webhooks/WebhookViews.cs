namespace Commentary.Api.Features.Webhooks;

public sealed record WebhookView(string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, string? DisabledReason)
{
    public static WebhookView From(Webhook w) => new(w.Id.ToString(), w.Url, w.Events, w.CreatedAt, w.DisabledAt, w.DisabledReason);
}

/// <summary>The answer to a registration: the only time the secret is shown.</summary>
public sealed record CreatedWebhookView(string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string Secret)
{
    public static CreatedWebhookView From(Webhook w) => new(w.Id.ToString(), w.Url, w.Events, w.CreatedAt, w.Secret);
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
