using System.Globalization;
using Commentary.Api.Platform.Background;
using Commentary.Api.Platform.Redis;
using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;

namespace Commentary.Api.Platform.Caching;

/// <summary>
/// The output cache in Redis, shared by every instance: Microsoft's Redis store underneath, with what sharing needs on
/// top. The eviction count (<see cref="OutputCacheGeneration"/>) lives in Redis and reaches every instance by pub/sub,
/// so a response whose request started before an eviction on any instance is not stored. Every key and tag is prefixed
/// by an epoch: an instance that may have missed writing an eviction (Redis slow or down, its connection lost) moves
/// every instance to a new epoch before it uses Redis again, so nothing stored before the missed eviction is served.
/// Every call goes through <see cref="SharedRedis"/>'s breaker; a failure is a cache miss, never an error.
/// </summary>
internal sealed class SharedOutputCacheStore(
    IOutputCacheStore redisStore, SharedRedis redis, OutputCacheGeneration generation, ILogger<SharedOutputCacheStore> logger) : IOutputCacheStore
{
    // One hash slot (the braces), so the scripts below also run on a Redis Cluster.
    private static readonly RedisKey[] Keys = ["{commentary:cache}:epoch", "{commentary:cache}:generation"];
    private static readonly RedisChannel Channel = RedisChannel.Literal("{commentary:cache}:changes");

    private const string AdvanceScript = """
        local epoch = tonumber(redis.call('GET', KEYS[1]) or '0')
        local generation = redis.call('INCR', KEYS[2])
        redis.call('PUBLISH', ARGV[1], epoch .. ':' .. generation)
        return {epoch, generation}
        """;

    private const string NewEpochScript = """
        local epoch = redis.call('INCR', KEYS[1])
        local generation = redis.call('INCR', KEYS[2])
        redis.call('PUBLISH', ARGV[1], epoch .. ':' .. generation)
        return {epoch, generation}
        """;

    private const string ReadScript = """
        return {tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(redis.call('GET', KEYS[2]) or '0')}
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _subscribed;
    private long _epoch;

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadyAsync(cancellationToken) ? await redis.RunAsync(_ => redisStore.GetAsync(Prefixed(key), cancellationToken).AsTask(), cancellationToken) : null;
        }
        catch (Exception exception) when (Failed(exception, cancellationToken))
        {
            logger.LogDebug(exception, "Output cache read from Redis failed; answering from the database");
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var (startedIn, own) = OutputCacheGeneration.Split(tags);
        var stored = false;
        try
        {
            if (!await ReadyAsync(cancellationToken) || (startedIn is { } before && await SharedGenerationAsync(cancellationToken) != before))
            {
                return;
            }

            var epochTags = own.Select(Prefixed).ToArray();
            stored = true;
            await Run(() => redisStore.SetAsync(Prefixed(key), value, epochTags, validFor, cancellationToken), cancellationToken);
            // An eviction that began after the first check may have run before the entry landed.
            if (startedIn is { } after && await SharedGenerationAsync(cancellationToken) != after)
            {
                foreach (var tag in epochTags)
                {
                    await Run(() => redisStore.EvictByTagAsync(tag, CancellationToken.None), CancellationToken.None);
                }
            }
        }
        catch (Exception exception) when (Failed(exception, cancellationToken))
        {
            if (stored)
            {
                // The entry may have landed unchecked: distrust everything stored so far.
                redis.MarkTroubled();
            }

            logger.LogDebug(exception, "Output cache write to Redis failed");
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        // The local count is not advanced: it mirrors the shared one, and running ahead of it would refuse every store.
        try
        {
            if (!await ReadyAsync(cancellationToken))
            {
                redis.MarkTroubled();
                return;
            }

            Observe(await redis.RunAsync(db => db.ScriptEvaluateAsync(AdvanceScript, Keys, [Channel.ToString()]), cancellationToken));
            await Run(() => redisStore.EvictByTagAsync(Prefixed(tag), cancellationToken), cancellationToken);
        }
        catch (Exception exception) when (Failed(exception, cancellationToken))
        {
            redis.MarkTroubled();
            logger.LogWarning("Could not evict '{Tag}' from the output cache in Redis ({Error}); the cache starts afresh once Redis answers", tag, exception.Message);
        }
    }

    /// <summary>
    /// Subscribes as soon as the instance starts, and starts a new epoch within <see cref="Interval"/> of Redis answering
    /// again after trouble, without waiting for this instance's next request: other instances may be serving from
    /// Redis meanwhile, and only a new epoch stops them serving what a missed eviction left.
    /// </summary>
    internal sealed class Upkeep(SharedOutputCacheStore store, TimeProvider time, ILogger<Upkeep> logger) : PollingWorker(time, logger)
    {
        protected override TimeSpan Interval => TimeSpan.FromMilliseconds(500);

        protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
        {
            try
            {
                await store.ReadyAsync(stoppingToken);
            }
            catch (Exception exception) when (Failed(exception, stoppingToken))
            {
                // Redis still away: the breaker counts it, and the next round tries again.
            }

            return false;
        }
    }

    /// <summary>
    /// Whether Redis may be used now: subscribed to other instances' evictions, and in an epoch started after any
    /// trouble this instance saw. False (use the database) while the breaker is open.
    /// </summary>
    private async ValueTask<bool> ReadyAsync(CancellationToken cancellationToken)
    {
        if (!redis.Available)
        {
            return false;
        }

        if (_subscribed && !redis.Troubled)
        {
            return true;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_subscribed)
            {
                await Run(() => new ValueTask(redis.Connection.GetSubscriber().SubscribeAsync(Channel, (_, message) => Observe(message))), cancellationToken);
                Observe(await redis.RunAsync(db => db.ScriptEvaluateAsync(ReadScript, Keys), cancellationToken));
                _subscribed = true;
            }

            if (redis.TakeTroubled())
            {
                try
                {
                    Observe(await redis.RunAsync(db => db.ScriptEvaluateAsync(NewEpochScript, Keys, [Channel.ToString()]), cancellationToken));
                    logger.LogInformation("Redis answers again; the shared output cache starts a new epoch (entries stored before are not trusted)");
                }
                catch
                {
                    redis.MarkTroubled();
                    throw;
                }
            }

            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask Run(Func<ValueTask> call, CancellationToken cancellationToken) =>
        await redis.RunAsync(async _ =>
        {
            await call();
            return true;
        }, cancellationToken);

    private async Task<long> SharedGenerationAsync(CancellationToken cancellationToken) =>
        (long)await redis.RunAsync(db => db.StringGetAsync(Keys[1]), cancellationToken);

    private void Observe(RedisResult result)
    {
        var values = (long[])result!;
        Observe(values[0], values[1]);
    }

    private void Observe(RedisValue message)
    {
        var text = message.ToString();
        var colon = text.IndexOf(':');
        if (colon > 0
            && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            && long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            Observe(epoch, count);
        }
    }

    /// <summary>The epoch first, so a request that notes the new count already reads and writes under the new epoch.</summary>
    private void Observe(long epoch, long count)
    {
        OutputCacheGeneration.RaiseTo(ref _epoch, epoch);
        generation.Observe(count);
    }

    private string Prefixed(string keyOrTag) => Interlocked.Read(ref _epoch).ToString(CultureInfo.InvariantCulture) + ":" + keyOrTag;

    private static bool Failed(Exception exception, CancellationToken cancellationToken) =>
        exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested;
}
