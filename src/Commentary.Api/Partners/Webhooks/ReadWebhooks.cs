using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Partners.Webhooks;

/// <summary>List and show webhooks, and their delivery log.</summary>
public static class ReadWebhooks
{
    private static readonly PageShape DeliveriesPage = new("deliveries", KeysetPosition.FieldCount);

    public static async Task<Ok<Page<WebhookView>>> List(CommentaryDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var webhooks = await db.Webhooks.AsNoTracking().OrderBy(w => w.CreatedAt).ThenBy(w => w.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new Page<WebhookView>(webhooks.Select(w => WebhookView.From(w, now)).ToList(), null));
    }

    public static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> Get(Guid id, CommentaryDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken) is { } webhook
            ? TypedResults.Ok(WebhookView.From(webhook, clock.GetUtcNow()))
            : NotFound(id);

    /// <summary>Newest first, keyset-paged by (createdAt, id).</summary>
    public static async Task<Results<Ok<Page<DeliveryView>>, ProblemHttpResult>> Deliveries(
        Guid id, [AsParameters] PageQuery paging, CommentaryDbContext db, CursorCodec codec, CancellationToken cancellationToken)
    {
        if (PageRequest.TryCreate(paging, DeliveriesPage, codec, out var after, out var problem) is not { } page)
        {
            return problem!;
        }

        var size = page.Limit;
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == id);
        if (after is { } position)
        {
            query = query.Where(d => d.CreatedAt < position.At || (d.CreatedAt == position.At && d.Id.CompareTo(position.Id) < 0));
        }
        else if (!await db.Webhooks.AnyAsync(w => w.Id == id, cancellationToken))
        {
            return NotFound(id);
        }

        var rows = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > size
            ? new KeysetPosition(rows[size - 1].CreatedAt, rows[size - 1].Id).Encode(codec, DeliveriesPage.CursorKind)
            : null;
        return TypedResults.Ok(new Page<DeliveryView>(rows.Take(size).Select(DeliveryView.From).ToList(), next));
    }

    internal static ProblemHttpResult NotFound(Guid id) => Problems.NotFound($"No webhook has the id '{id}'.");
}
