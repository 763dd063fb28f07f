using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.OpenApi;
using Commentary.Api.Platform.Telemetry;

namespace Commentary.Api.Partners.Sync;

public static class PartnerSyncEndpoints
{
    /// <summary>The gauge of the sync feed's lag, in seconds.</summary>
    public const string SyncLag = "commentary.sync.lag";

    public static IServiceCollection AddPartnerSync(this IServiceCollection services)
    {
        services.AddOptions<PartnerSyncOptions>().BindConfiguration("Commentary:PartnerSync");
        services.AddScoped<ChangeLog>();
        services.AddScoped<ChangeLogRetention>();
        services.AddHostedService<ChangeLogPruner>();
        services.AddSampledGauge(SyncLag, "s",
            "How far the sync feed's fence trails real time: seconds since the oldest write transaction still running began "
            + "(0 when none); the Sync-Lag-Seconds header of the same moment.",
            (provider, cancellationToken) => provider.GetRequiredService<ChangeLog>().LagSecondsAsync(cancellationToken));
        services.ConfigureSwaggerGen(o => o.OperationFilter<SyncLagHeaderOperationFilter>());
        return services;
    }

    public static RouteGroupBuilder MapPartnerSync(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/partner").WithTags("Partner sync").RequireRole(Roles.Partner);

        group.MapGet("/changes", GetChanges.Handle)
            .WithName("GetPartnerChanges")
            .WithSummary("The published catalogue, then every later change exactly once")
            .WithDescription("Without a cursor: every published translation, then the changes since the export began. Follow `nextCursor`; "
                + "each change carries the current public state (`upsert`) or says the translation is no longer public (`delete`). "
                + "A transaction still running holds the feed back rather than letting a late commit be skipped; the `Sync-Lag-Seconds` "
                + "header says by how much. Changes are kept for the retention window (`Commentary:PartnerSync:Retention`, 30 days by "
                + "default): a cursor older than that answers 410 (`cursor_expired`), and the partner starts again without a cursor.")
            .WithQueryParameters(QueryParameterDoc.Limit(GetChanges.DefaultLimit, GetChanges.MaxLimit), QueryParameterDoc.Cursor)
            .WithMetadata(new SyncLagHeaderMetadata())
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status410Gone);

        return group;
    }
}
