using Commentary.Api.Platform.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Commentary.Api.Platform.Health;

internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddCommentaryHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(3));
        return services;
    }

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/health").WithTags("Operations").AllowAnonymous().DisableRateLimiting();
        // Liveness never touches the database: a database outage must not get healthy API processes restarted.
        group.MapGet("/live", () => TypedResults.Ok(new HealthResponse("Healthy", [])))
            .WithName("HealthLive").WithSummary("The process is up")
            .WithDescription("Always 200 while the process runs; it never reads the database, so an outage does not get healthy processes restarted.");
        group.MapGet("/ready", Ready)
            .WithName("HealthReady").WithSummary("The database is reachable and fully migrated (503 otherwise)")
            .WithDescription("200 when the database answers and has every migration applied; 503 otherwise, so a load balancer sends no traffic yet. "
                + "`Degraded` (still 200) when a shared part the API can do without is not answering: Redis (the output cache is bypassed, rate limits count per instance).")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> Ready(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(ReadyTag), cancellationToken);
        var status = new HealthResponse(report.Status.ToString(), report.Entries.Select(e => new HealthEntry(e.Key, e.Value.Status.ToString(), e.Value.Description)).ToList());
        return report.Status != HealthStatus.Unhealthy
            ? TypedResults.Ok(status)
            : TypedResults.Json(status, statusCode: StatusCodes.Status503ServiceUnavailable);
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

public sealed record HealthResponse(string Status, IReadOnlyList<HealthEntry> Checks);

public sealed record HealthEntry(string Name, string Status, string? Description);
