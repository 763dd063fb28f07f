using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Editorial.Publishing;

public static class UnpublishArticle
{
    /// <summary>Withdraws every language at once and cancels a pending schedule; drafts and history stay.</summary>
    public static async Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(
        string id, HttpContext context, CommentaryDbContext db, ArticlePublisher publisher, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await ArticleEditing.LoadAsync(db, id, cancellationToken) is not { } article)
        {
            return ArticleEditing.NotFound(id);
        }

        if (ETags.PreconditionProblem(context.Request, article.Version, required: false) is { } precondition)
        {
            return precondition;
        }

        article.ClearSchedule();
        await publisher.UnpublishAsync(article, time.GetUtcNow(), cancellationToken);
        return await ArticleEditing.SaveAndRespondAsync(context, db, article, cancellationToken);
    }
}
