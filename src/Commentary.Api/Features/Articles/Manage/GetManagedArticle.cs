using Commentary.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Features.Articles.Manage;

public static class GetManagedArticle
{
    public static async Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(
        string id, HttpContext context, CommentaryDbContext db, CancellationToken cancellationToken)
    {
        if (await ManagedArticles.LoadAsync(db, id, cancellationToken, tracked: false) is not { } article)
        {
            return ManagedArticles.NotFound(id);
        }

        return TypedResults.Ok(await ManagedArticles.RespondAsync(context, db, article, cancellationToken));
    }
}
