using System.Globalization;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Partners.Webhooks;

/// <summary>List, show and delete webhooks, and their delivery log.</summary>
public static class ReadWebhooks
{
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

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, CommentaryDbContext db, CancellationToken cancellationToken) =>
        await db.Webhooks.Where(w => w.Id == id).ExecuteDeleteAsync(cancellationToken) > 0 ? TypedResults.NoContent() : NotFound(id);

    /// <summary>Newest first, keyset-paged by (createdAt, id).</summary>
    public static async Task<Results<Ok<Page<DeliveryView>>, ProblemHttpResult>> Deliveries(
        Guid id, string? cursor, int? limit, CommentaryDbContext db, CursorCodec codec, CancellationToken cancellationToken)
    {
        var size = limit ?? PageLimits.Default;
        if (size is < 1 or > PageLimits.Max)
        {
            return Problems.Validation("limit", $"Must be between 1 and {PageLimits.Max}.");
        }

        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == id);
        if (cursor is not null)
        {
            if (!codec.TryDecode(cursor, 3, out var f) || f[0] != "deliveries"
                || !long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || !Guid.TryParse(f[2], out var afterId))
            {
                return Problems.Validation("cursor", "Not a cursor issued by this endpoint.");
            }

            var after = new DateTimeOffset(ticks, TimeSpan.Zero);
            query = query.Where(d => d.CreatedAt < after || (d.CreatedAt == after && d.Id.CompareTo(afterId) < 0));
        }
        else if (!await db.Webhooks.AnyAsync(w => w.Id == id, cancellationToken))
        {
            return NotFound(id);
        }

        var rows = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > size
            ? codec.Encode("deliveries", rows[size - 1].CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), rows[size - 1].Id.ToString())
            : null;
        return TypedResults.Ok(new Page<DeliveryView>(rows.Take(size).Select(DeliveryView.From).ToList(), next));
    }

    internal static ProblemHttpResult NotFound(Guid id) => Problems.NotFound($"No webhook has the id '{id}'.");
}
