using Commentary.Api.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Commentary.Api.Common.Health;

internal static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddCommentaryHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(3));
        return services;
    }

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        // Liveness never touches the database: a database outage must not get healthy API processes restarted.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .WithTags("Operations").WithName("HealthLive").WithSummary("The process is up").DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) })
            .WithTags("Operations").WithName("HealthReady").WithSummary("The database is reachable and fully migrated (503 otherwise)").DisableRateLimiting();
        return app;
    }

    /// <summary>Ready when the database answers and no migration is pending.</summary>
    private sealed class DatabaseReadyCheck(CommentaryDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
                return pending.Any()
                    ? HealthCheckResult.Unhealthy($"{pending.Count()} migration(s) pending")
                    : HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("The database is not reachable", exception);
            }
        }
    }
}
