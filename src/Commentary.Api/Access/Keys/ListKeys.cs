using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Access.Keys;

public static class ListKeys
{
    private static readonly PageShape Shape = new("keys", 1);

    /// <summary>Every key, revoked ones included, oldest first (ids are time-ordered UUIDv7).</summary>
    public static async Task<Results<Ok<Page<ManagedApiKey>>, ProblemHttpResult>> Handle(
        [AsParameters] PageQuery paging, CommentaryDbContext db, CursorCodec codec, CancellationToken cancellationToken)
    {
        if (PageRequest.TryCreateById(paging, Shape, codec, out var after, out var problem) is not { } page)
        {
            return problem!;
        }

        var query = db.ApiKeys.AsNoTracking();
        if (after is { } lastId)
        {
            query = query.Where(k => k.Id.CompareTo(lastId) > 0);
        }

        var keys = await query.OrderBy(k => k.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var next = keys.Count > page.Limit ? codec.Encode(Shape.CursorKind, keys[page.Limit - 1].Id.ToString()) : null;
        return TypedResults.Ok(new Page<ManagedApiKey>(keys.Take(page.Limit).Select(ManagedApiKey.From).ToList(), next));
    }
}
