using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.OpenApi;
using Commentary.Api.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Access.Keys;

public sealed record CreateKeyRequest(
    string Name,
    [property: ClosedSet(typeof(Roles))] string Role)
    : IHasRequestExample<CreateKeyRequest>
{
    public static CreateKeyRequest Example => new("newsroom CMS (editor)", Roles.Editor);
}

/// <summary>The only response that ever carries the secret: it is not stored, so it cannot be shown again.</summary>
public sealed record CreatedApiKey(
    Guid Id,
    string Name,
    [property: ClosedSet(typeof(Roles))] string Role,
    string Secret,
    DateTimeOffset CreatedAt);

internal sealed class CreateKeyRequestValidator : AbstractValidator<CreateKeyRequest>
{
    public CreateKeyRequestValidator()
    {
        RuleFor(r => r.Name).ValidText(ApiKey.NameMaxLength, required: true);
        RuleFor(r => r.Role).Must(role => role is not null && Roles.All.Contains(role))
            .WithMessage($"must be one of: {string.Join(", ", Roles.All)}.");
    }
}

public static class CreateKey
{
    public static async Task<Created<CreatedApiKey>> Handle(
        CreateKeyRequest request, CommentaryDbContext db, TimeProvider clock, HttpContext context, ILogger<CreatedApiKey> logger, CancellationToken cancellationToken)
    {
        var secret = ApiKeySecrets.Generate();
        var hash = ApiKeySecrets.Hash(secret);
        var key = new ApiKey
        {
            Name = TextRules.Clean(request.Name),
            Role = request.Role,
            LookupId = ApiKeySecrets.LookupIdOf(hash),
            SecretHash = hash,
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("API key {KeyId} ({KeyName}, {Role}) created by {Caller}", key.Id, key.Name, key.Role, context.User.KeyName());
        return TypedResults.Created($"{ManageKeysEndpoints.Route}/{key.Id}", new CreatedApiKey(key.Id, key.Name, key.Role, secret, key.CreatedAt));
    }
}
