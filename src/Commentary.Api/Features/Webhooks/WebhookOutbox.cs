using System.Text.Json;
using Commentary.Api.Data;
using Commentary.Api.Features.Articles;

namespace Commentary.Api.Features.Webhooks;

/// <summary>The thin event receivers get: ids and public facts only, never content; they fetch the article from the public API.</summary>
public sealed record WebhookEvent(string Type, string ArticleId, string Slug, IReadOnlyList<string> Languages, DateTimeOffset OccurredAt);

/// <summary>
/// Adds one delivery per subscribed, active webhook to the caller's unit of work, so the events commit (or roll back)
/// together with the change that caused them.
/// </summary>
public static class WebhookOutbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Enqueue(CommentaryDbContext db, Article article, string eventType, IReadOnlyList<string> languages, DateTimeOffset now)
    {
        // Synchronous on purpose: the publisher is synchronous and this is one indexed read of a handful of rows.
        var subscribers = db.Webhooks.Where(w => w.DisabledAt == null && w.Events.Contains(eventType)).Select(w => w.Id).ToList();
        if (subscribers.Count == 0)
        {
            return;
        }

        var payload = JsonSerializer.Serialize(new WebhookEvent(eventType, article.Id.ToString(), article.Slug, languages, now), Json);
        foreach (var webhookId in subscribers)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                WebhookId = webhookId,
                Event = eventType,
                ArticleId = article.Id,
                Payload = payload,
                CreatedAt = now,
                Status = DeliveryStatus.Pending,
                NextAttemptAt = now,
            });
        }
    }
}
