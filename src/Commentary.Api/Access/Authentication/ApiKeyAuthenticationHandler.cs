using System.Security.Claims;
using System.Text.Encodings.Web;
using Commentary.Api.Access.Keys;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Access.Authentication;

/// <summary>Authenticates <c>Authorization: Bearer &lt;api key&gt;</c> against the stored hashes; a revoked key fails on its next request.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CommentaryDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        // Health probes never need a caller, and a key lookup would make /health/live fail with the database.
        if (string.IsNullOrEmpty(header) || Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 512)
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <api key>'.");
        }

        var secret = header["Bearer ".Length..].Trim();
        var hash = ApiKeySecrets.Hash(secret);
        var lookupId = ApiKeySecrets.LookupIdOf(hash);
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.LookupId == lookupId && k.RevokedAt == null)
            .Select(k => new { k.Id, k.Name, k.Role, k.SecretHash })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (key is null || !ApiKeySecrets.Matches(key.SecretHash, hash))
        {
            return AuthenticateResult.Fail("The API key is not valid or has been revoked.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, key.Id.ToString()),
                new Claim(ClaimTypes.Name, key.Name),
                new Claim(ClaimTypes.Role, key.Role),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"commentary\"";
        var failed = Request.Headers.Authorization.Count > 0;
        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized",
            failed ? "The API key is not valid or has been revoked." : "This operation needs an API key: send 'Authorization: Bearer <api key>'.",
            ErrorCodes.Unauthorized);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        await Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "Your API key's role does not allow this operation.", ErrorCodes.Forbidden);
    }
}
