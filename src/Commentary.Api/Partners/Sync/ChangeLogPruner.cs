using Commentary.Api.Platform.Background;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Partners.Sync;

/// <summary>Prunes changes older than <see cref="PartnerSyncOptions.Retention"/> every <see cref="PartnerSyncOptions.PruneInterval"/>.</summary>
public sealed partial class ChangeLogPruner(IServiceScopeFactory scopes, IOptions<PartnerSyncOptions> options, TimeProvider clock, ILogger<ChangeLogPruner> logger)
    : PollingWorker(clock, logger)
{
    protected override bool IsEnabled => options.Value.PruningEnabled;

    protected override TimeSpan Interval => options.Value.PruneInterval;

    /// <summary>Any number of instances may prune at once; after a failure the next round catches up, nothing is lost by waiting.</summary>
    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var pruned = await scope.ServiceProvider.GetRequiredService<ChangeLogRetention>()
            .PruneAsync(Time.GetUtcNow() - options.Value.Retention, stoppingToken);
        LogPruned(Logger, pruned);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Count} partner sync changes past retention.")]
    private static partial void LogPruned(ILogger logger, int count);
}
