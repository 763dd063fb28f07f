using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.Redis;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Platform.RateLimiting;

/// <summary>Requests per window, configured under <c>Commentary:RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    public int AnonymousPerWindow { get; set; } = 600;
    public int PerKeyPerWindow { get; set; } = 1200;
    public int WindowSeconds { get; set; } = 60;

    /// <summary>
    /// Addresses or CIDR networks of server-side-rendering frontends: they read anonymously (so the output cache answers
    /// them) from one address on behalf of every reader, with <see cref="FrontendPerWindow"/> of their own.
    /// </summary>
    public string[] TrustedFrontends { get; set; } = [];

    public int FrontendPerWindow { get; set; } = 60_000;
}

/// <summary>
/// One fixed-window limiter per API key for authenticated requests, per trusted frontend, and per client IP for other
/// anonymous ones, counted in Redis for every instance when it is configured (<see cref="SharedWindowLimiter"/>) (an invalid
/// key counts as anonymous, so guessing keys spends the IP's budget). Endpoints marked <c>DisableRateLimiting()</c>
/// (health) are exempt. A rejection is a 429 problem with <c>Retry-After</c>, not the middleware's default 503.
/// </summary>
internal static class RateLimiting
{
    public static IServiceCollection AddCommentaryRateLimiting(this IServiceCollection services, IConfiguration configuration, bool sharedRedis)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection("Commentary:RateLimits"));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, sharedRedis));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, bool sharedRedis)
    {
        var limits = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
        var keyId = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        // The client address is the real client's behind a trusted proxy (ClientAddresses runs first in the pipeline).
        var address = context.Connection.RemoteIpAddress;
        var (partition, permits) = keyId is not null ? ("key:" + keyId, limits.PerKeyPerWindow)
            : ClientAddresses.IsAmong(address, limits.TrustedFrontends) ? ("frontend:" + address, limits.FrontendPerWindow)
            : ("ip:" + (address?.ToString() ?? "unknown"), limits.AnonymousPerWindow);
        var window = new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromSeconds(Math.Max(1, limits.WindowSeconds)),
            QueueLimit = 0,
        };
        return sharedRedis
            ? RateLimitPartition.Get(partition, key => new SharedWindowLimiter(key, window, context.RequestServices.GetRequiredService<SharedRedis>()))
            : RateLimitPartition.GetFixedWindowLimiter(partition, _ => window);
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"The rate limit of this API key or client address is reached. Try again in {retryAfter} s.", ErrorCodes.RateLimited);
    }
}
