using System.Globalization;
using System.Net;
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
            options.OnRejected = RejectAsync;
        });
        // Built once with the services it needs, so a request only computes its partition's key (no allocation for an
        // anonymous reader): the limiter itself is created the first time a key is seen.
        services.AddOptions<RateLimiterOptions>().Configure<IOptionsMonitor<RateLimitOptions>, IServiceProvider>((options, limits, provider) =>
        {
            Func<RateLimitKey, RateLimiter> create = sharedRedis
                ? key => new SharedWindowLimiter(key.ToString(), key.Window, provider.GetRequiredService<SharedRedis>())
                : key => new FixedWindowRateLimiter(key.Window);
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, RateLimitKey>(context => RateLimitPartition.Get(KeyOf(context, limits.CurrentValue), create));
        });
        return services;
    }

    private static RateLimitKey KeyOf(HttpContext context, RateLimitOptions limits)
    {
        var keyId = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        // The client address is the real client's behind a trusted proxy (ClientAddresses runs first in the pipeline).
        var address = context.Connection.RemoteIpAddress;
        var windowSeconds = Math.Max(1, limits.WindowSeconds);
        return keyId is not null ? new RateLimitKey("key", keyId, null, limits.PerKeyPerWindow, windowSeconds)
            : ClientAddresses.IsAmong(address, limits.TrustedFrontends) ? new RateLimitKey("frontend", null, address, limits.FrontendPerWindow, windowSeconds)
            : new RateLimitKey("ip", null, address, limits.AnonymousPerWindow, windowSeconds);
    }

    /// <summary>
    /// A partition: who is counted (an API key's id, or a client address) and the window it gets. The limits are part of
    /// the key, so a configuration change starts fresh windows with the new limits.
    /// </summary>
    private readonly record struct RateLimitKey(string Kind, string? KeyId, IPAddress? Address, int Permits, int WindowSeconds)
    {
        public FixedWindowRateLimiterOptions Window => new()
        {
            PermitLimit = Math.Max(1, Permits),
            Window = TimeSpan.FromSeconds(WindowSeconds),
            QueueLimit = 0,
        };

        // Names the shared count in Redis: the same caller gets the same name on every instance.
        public override string ToString() => Kind + ":" + (KeyId ?? Address?.ToString() ?? "unknown");
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
