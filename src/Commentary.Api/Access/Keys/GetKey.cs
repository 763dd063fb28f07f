using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Access.Keys;

public static class GetKey
{
    public static async Task<Results<Ok<ManagedApiKey>, ProblemHttpResult>> Handle(Guid id, CommentaryDbContext db, CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken) is { } key
            ? TypedResults.Ok(ManagedApiKey.From(key))
            : Problems.NotFound($"No API key has the id '{id}'.");
}
