using System.Text.Json;
using Commentary.Api.Content.Journal;
using Commentary.Api.Platform.Database;

namespace Commentary.Api.Partners.Webhooks;

/// <summary>The thin event receivers get: ids and public facts only, never content; they fetch the article from the public API.</summary>
public sealed record WebhookEvent(string Type, string ArticleId, string Slug, IReadOnlyList<string> Languages, DateTimeOffset OccurredAt);

/// <summary>
/// Subscribes to the content journal: adds one delivery per subscribed, active webhook to the writer's unit of work, so
/// the events commit (or roll back) together with the change that caused them.
/// </summary>
internal sealed class WebhookOutbox : IPublicChangeSubscriber
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void OnPublicChanges(CommentaryDbContext db, IReadOnlyList<PublicChange> changes)
    {
        // Subscribers are read once per event type, however many articles changed.
        foreach (var sameType in changes.GroupBy(c => EventType(c.Kind)))
        {
            var subscribers = Subscribers(db, sameType.Key);
            foreach (var change in sameType)
            {
                Add(db, subscribers, sameType.Key, change);
            }
        }
    }

    private static string EventType(PublicChangeKind kind) => kind switch
    {
        PublicChangeKind.Published => WebhookEvents.Published,
        PublicChangeKind.Updated => WebhookEvents.Updated,
        PublicChangeKind.Unpublished => WebhookEvents.Unpublished,
        PublicChangeKind.Deleted => WebhookEvents.Deleted,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown change."),
    };

    // Synchronous on purpose: the journal is synchronous and this is one indexed read of a handful of rows.
    private static List<Guid> Subscribers(CommentaryDbContext db, string eventType) =>
        db.Webhooks.Where(w => w.DisabledAt == null && w.Events.Contains(eventType)).Select(w => w.Id).ToList();

    private static void Add(CommentaryDbContext db, List<Guid> subscribers, string eventType, PublicChange change)
    {
        if (subscribers.Count == 0)
        {
            return;
        }

        var payload = JsonSerializer.Serialize(new WebhookEvent(eventType, change.ArticleId.ToString(), change.Slug, change.Languages, change.At), Json);
        foreach (var webhookId in subscribers)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                WebhookId = webhookId,
                Event = eventType,
                ArticleId = change.ArticleId,
                Payload = payload,
                CreatedAt = change.At,
                Status = DeliveryStatus.Pending,
                NextAttemptAt = change.At,
            });
        }
    }
}
