using System.Text.Json;
using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Database;

namespace Commentary.Api.Partners.Webhooks;

/// <summary>The thin event receivers get: ids and public facts only, never content; they fetch the article from the public API.</summary>
public sealed record WebhookEvent(string Type, string ArticleId, string Slug, IReadOnlyList<string> Languages, DateTimeOffset OccurredAt);

/// <summary>
/// Adds one delivery per subscribed, active webhook to the caller's unit of work, so the events commit (or roll back)
/// together with the change that caused them.
/// </summary>
public static class WebhookOutbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Enqueue(CommentaryDbContext db, Article article, string eventType, IReadOnlyList<string> languages, DateTimeOffset now) =>
        Add(db, Subscribers(db, eventType), eventType, article.Id, article.Slug, languages, now);

    /// <summary>One event per article of <paramref name="articles"/>, reading the subscribers once however many articles there are.</summary>
    public static void EnqueueEach(
        CommentaryDbContext db, IReadOnlyList<(Guid Id, string Slug, IReadOnlyList<string> Languages)> articles, string eventType, DateTimeOffset now)
    {
        var subscribers = articles.Count == 0 ? [] : Subscribers(db, eventType);
        foreach (var (id, slug, languages) in articles)
        {
            Add(db, subscribers, eventType, id, slug, languages, now);
        }
    }

    // Synchronous on purpose: the publisher is synchronous and this is one indexed read of a handful of rows.
    private static List<Guid> Subscribers(CommentaryDbContext db, string eventType) =>
        db.Webhooks.Where(w => w.DisabledAt == null && w.Events.Contains(eventType)).Select(w => w.Id).ToList();

    private static void Add(
        CommentaryDbContext db, List<Guid> subscribers, string eventType, Guid articleId, string slug, IReadOnlyList<string> languages, DateTimeOffset now)
    {
        if (subscribers.Count == 0)
        {
            return;
        }

        var payload = JsonSerializer.Serialize(new WebhookEvent(eventType, articleId.ToString(), slug, languages, now), Json);
        foreach (var webhookId in subscribers)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                WebhookId = webhookId,
                Event = eventType,
                ArticleId = articleId,
                Payload = payload,
                CreatedAt = now,
                Status = DeliveryStatus.Pending,
                NextAttemptAt = now,
            });
        }
    }
}
