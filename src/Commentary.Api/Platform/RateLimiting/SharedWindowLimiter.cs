using System.Threading.RateLimiting;
using Commentary.Api.Platform.Redis;
using RedisRateLimiting;

namespace Commentary.Api.Platform.RateLimiting;

/// <summary>
/// One partition's fixed window counted in Redis, so that every instance spends the same budget; while Redis does not
/// answer, this instance's own window of the same size counts instead (limits then hold per instance, and nobody gets
/// a 5xx because Redis is away).
/// </summary>
internal sealed class SharedWindowLimiter(string partition, FixedWindowRateLimiterOptions local, SharedRedis redis) : RateLimiter
{
    private readonly RedisFixedWindowRateLimiter<string> _shared = new("commentary:rate:" + partition, new RedisFixedWindowRateLimiterOptions
    {
        ConnectionMultiplexerFactory = () => redis.Connection,
        PermitLimit = local.PermitLimit,
        Window = local.Window,
    });

    private readonly FixedWindowRateLimiter _local = new(local);

    // The local window's: the partitioned limiter drops idle partitions, and the shared count lives on in Redis.
    public override TimeSpan? IdleDuration => _local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    // The middleware tries this synchronous path first and awaits AcquireAsync only when it fails: with Redis up, the
    // count must come from Redis, so this declines.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => redis.Available ? Declined.Instance : _local.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (redis.Available)
        {
            try
            {
                return await redis.RunAsync(_ => _shared.AcquireAsync(permitCount, cancellationToken).AsTask(), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Counted by the breaker; this request is counted locally instead.
            }
        }

        return await _local.AcquireAsync(permitCount, cancellationToken);
    }

    private sealed class Declined : RateLimitLease
    {
        public static readonly Declined Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _shared.Dispose();
            _local.Dispose();
        }
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _shared.DisposeAsync();
        await _local.DisposeAsync();
    }
}
