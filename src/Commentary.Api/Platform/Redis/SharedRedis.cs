using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;

namespace Commentary.Api.Platform.Redis;

/// <summary><c>Commentary:Redis</c>: how long the API waits for Redis before answering without it.</summary>
public sealed class RedisOptions
{
    /// <summary>A Redis call slower than this counts as a failure; the request goes on without Redis.</summary>
    public int TimeoutMilliseconds { get; set; } = 250;

    /// <summary>After repeated failures, Redis is left alone this long before one call tries it again.</summary>
    public int BreakSeconds { get; set; } = 5;
}

/// <summary>
/// The one connection to the Redis that several instances share (<c>ConnectionStrings:Redis</c>), and the circuit
/// breaker every call to it goes through. Redis holds nothing the database does not: when it is slow or down, callers
/// carry on without it (the output cache misses, rate limits count per instance) and <c>/health/ready</c> says
/// <c>Degraded</c>. <see cref="Troubled"/> remembers that this instance lost Redis since it last said so, so that the
/// cache can stop trusting what Redis kept while evictions may have been missed.
/// </summary>
public sealed class SharedRedis : IAsyncDisposable
{
    public const string ConnectionStringName = "Redis";

    private readonly Lazy<ConnectionMultiplexer> _connection;
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger<SharedRedis> _logger;
    private readonly Action<IConnectionMultiplexer>? _connected;
    private int _troubled;
    private long _openUntilTicks;

    /// <param name="connected">Told of the connection once it exists (telemetry traces its commands from then on).</param>
    public SharedRedis(string connectionString, RedisOptions options, ILogger<SharedRedis> logger, Action<IConnectionMultiplexer>? connected = null)
    {
        _logger = logger;
        _connected = connected;
        var timeout = TimeSpan.FromMilliseconds(Math.Max(10, options.TimeoutMilliseconds));
        var configuration = ConfigurationOptions.Parse(connectionString);
        // Start without Redis, and reconnect in the background; a command while disconnected fails at once instead of
        // queueing until its timeout (the request is answered from the database meanwhile).
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        // The breaker's timeout answers the request; these only bound what the client library keeps waiting for.
        var clientTimeout = Math.Max(1000, (int)timeout.TotalMilliseconds * 4);
        configuration.ConnectTimeout = clientTimeout;
        configuration.AsyncTimeout = clientTimeout;
        configuration.SyncTimeout = clientTimeout;
        configuration.ClientName ??= "commentary-api";
        _connection = new Lazy<ConnectionMultiplexer>(() => Connect(configuration));
        _pipeline = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 3,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(Math.Max(1, options.BreakSeconds)),
                ShouldHandle = new PredicateBuilder().Handle<RedisException>().Handle<TimeoutException>().Handle<TimeoutRejectedException>(),
                StateProvider = _circuit,
                OnOpened = args =>
                {
                    Interlocked.Exchange(ref _openUntilTicks, (DateTimeOffset.UtcNow + args.BreakDuration).UtcTicks);
                    MarkTroubled();
                    _logger.LogWarning("Redis is not answering; the API carries on without it (cache misses, rate limits per instance) and tries again shortly");
                    return default;
                },
                OnClosed = _ =>
                {
                    _logger.LogInformation("Redis answers again");
                    return default;
                },
            })
            .AddTimeout(timeout)
            .Build();
    }

    /// <summary>
    /// False while the breaker is open: callers skip Redis without waiting for a timeout. True again once the break is
    /// over, so that a call goes through and the breaker (which only moves on a call) tries Redis again.
    /// </summary>
    public bool Available => _circuit.CircuitState is CircuitState.Closed or CircuitState.HalfOpen
        || DateTimeOffset.UtcNow.UtcTicks >= Interlocked.Read(ref _openUntilTicks);

    /// <summary>Runs one call to Redis under the breaker and timeout; throws when it fails or the breaker is open.</summary>
    public ValueTask<T> RunAsync<T>(Func<IDatabase, Task<T>> call, CancellationToken cancellationToken = default) =>
        _pipeline.ExecuteAsync(async token =>
        {
            return await call(_connection.Value.GetDatabase()).WaitAsync(token);
        }, cancellationToken);

    /// <summary>The connection, for clients that manage their own calls (the rate limiter, pub/sub, the output cache store).</summary>
    public IConnectionMultiplexer Connection => _connection.Value;

    /// <summary>Notes that this instance may have missed a write to Redis (an eviction, a lost connection).</summary>
    public void MarkTroubled() => Interlocked.Exchange(ref _troubled, 1);

    /// <summary>Whether this instance lost Redis since the trouble was last taken.</summary>
    public bool Troubled => Volatile.Read(ref _troubled) == 1;

    /// <summary>Whether this instance lost Redis since the last call; the caller must then distrust what Redis holds.</summary>
    public bool TakeTroubled() => Interlocked.Exchange(ref _troubled, 0) == 1;

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await _connection.Value.DisposeAsync();
        }
    }

    /// <summary>Returns within the connect timeout even when Redis is down (it keeps reconnecting in the background).</summary>
    private ConnectionMultiplexer Connect(ConfigurationOptions configuration)
    {
        var connection = ConnectionMultiplexer.Connect(configuration);
        // Messages sent while the connection was down are lost: whatever they announced must be re-read.
        connection.ConnectionFailed += (_, _) => MarkTroubled();
        _connected?.Invoke(connection);
        return connection;
    }

    /// <summary><c>Degraded</c> (still 200: the API answers from the database) while Redis does not answer.</summary>
    internal sealed class HealthCheck(SharedRedis redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!redis.Available)
            {
                return HealthCheckResult.Degraded("Redis is not answering: the output cache is bypassed and rate limits count per instance");
            }

            try
            {
                await redis.RunAsync(db => db.PingAsync(), cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Degraded("Redis is not answering: the output cache is bypassed and rate limits count per instance", exception);
            }
        }
    }
}
