using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Access.Keys;

public static class RevokeKey
{
    // Serializes revocations, so that two admins revoking each other's keys at once cannot both succeed.
    private const long RevocationLock = 0x636d6b5f7265766b;

    /// <summary>Revokes at once (the key fails on its next request); revoking twice is fine; the last active admin key stays.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        Guid id, CommentaryDbContext db, TimeProvider clock, HttpContext context, ILogger<ManagedApiKey> logger, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RevocationLock})", cancellationToken);
        if (await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken) is not { } key)
        {
            return Problems.NotFound($"No API key has the id '{id}'.");
        }

        if (key.RevokedAt is not null)
        {
            return TypedResults.NoContent();
        }

        if (key.Role == Roles.Admin && !await db.ApiKeys.AnyAsync(k => k.Role == Roles.Admin && k.RevokedAt == null && k.Id != id, cancellationToken))
        {
            return Problems.Conflict("This is the last active admin key: create another admin key before revoking it, so that nobody is locked out.", ErrorCodes.LastAdminKey);
        }

        key.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("API key {KeyId} ({KeyName}) revoked by {Caller}", key.Id, key.Name, context.User.KeyName());
        return TypedResults.NoContent();
    }
}
