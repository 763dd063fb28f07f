using Commentary.Api.Platform.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Partners.Webhooks;

public static class DeleteWebhook
{
    /// <summary>Removes the webhook and, by cascade, its delivery log and any deliveries still queued.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(Guid id, CommentaryDbContext db, CancellationToken cancellationToken) =>
        await db.Webhooks.Where(w => w.Id == id).ExecuteDeleteAsync(cancellationToken) > 0 ? TypedResults.NoContent() : ReadWebhooks.NotFound(id);
}
