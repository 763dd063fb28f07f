using OpenTelemetry.Instrumentation.StackExchangeRedis;

namespace Commentary.Api.Platform.Redis;

internal static class RedisSetup
{
    /// <summary>Registers <see cref="SharedRedis"/> when <c>ConnectionStrings:Redis</c> is set; false (one instance, in-process state) otherwise.</summary>
    public static bool AddSharedRedis(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(SharedRedis.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        var options = configuration.GetSection("Commentary:Redis").Get<RedisOptions>() ?? new RedisOptions();
        services.AddSingleton(provider => new SharedRedis(connectionString, options, provider.GetRequiredService<ILogger<SharedRedis>>(),
            // The connection is made on first use, not registered in DI, so the instrumentation is handed it (absent when telemetry is off).
            connection => provider.GetService<StackExchangeRedisInstrumentation>()?.AddConnection(connection)));
        services.AddHealthChecks().AddCheck<SharedRedis.HealthCheck>("redis", tags: [Health.HealthEndpoints.ReadyTag]);
        return true;
    }
}
