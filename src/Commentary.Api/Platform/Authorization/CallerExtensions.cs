using System.Security.Claims;

namespace Commentary.Api.Platform.Authorization;

public static class CallerExtensions
{
    /// <summary>The name of the API key behind the request, recorded on revisions and in logs (never the secret).</summary>
    public static string KeyName(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
}
