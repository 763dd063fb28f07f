using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Editorial.Articles;

public static class GetManagedArticle
{
    public static async Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(
        string id, HttpContext context, CommentaryDbContext db, CancellationToken cancellationToken)
    {
        if (await ArticleEditing.LoadAsync(db, id, cancellationToken, tracked: false) is not { } article)
        {
            return ArticleEditing.NotFound(id);
        }

        return TypedResults.Ok(await ArticleEditing.RespondAsync(context, db, article, cancellationToken));
    }
}
