using Commentary.Api.Content;
using Commentary.Api.Editorial.Preview;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Articles;

public static class DeleteArticle
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
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

        await publisher.DeleteAsync(article, time.GetUtcNow(), cancellationToken);
        // In the same unit of work: a deleted article's old links are dead like its current one, so its former slugs become
        // free, and its preview links open nothing, so their rows should not outlive it.
        db.FormerSlugs.RemoveRange(await db.FormerSlugs.Where(f => f.ArticleId == article.Id).ToListAsync(cancellationToken));
        db.PreviewLinks.RemoveRange(await db.PreviewLinks.Where(l => l.ArticleId == article.Id).ToListAsync(cancellationToken));
        if (await ArticleEditing.SaveAsync(db, null, cancellationToken) is { } problem)
        {
            return problem;
        }

        return TypedResults.NoContent();
    }
}
