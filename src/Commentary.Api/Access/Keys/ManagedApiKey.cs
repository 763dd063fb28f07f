using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.OpenApi;

namespace Commentary.Api.Access.Keys;

/// <summary>A key as lists show it: never the secret, never its hash or lookup id.</summary>
public sealed record ManagedApiKey(
    Guid Id,
    string Name,
    [property: ClosedSet(typeof(Roles))] string Role,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt)
{
    public static ManagedApiKey From(ApiKey key) => new(key.Id, key.Name, key.Role, key.CreatedAt, key.RevokedAt);
}
