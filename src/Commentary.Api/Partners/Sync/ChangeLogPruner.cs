using Microsoft.Extensions.Options;

namespace Commentary.Api.Partners.Sync;

/// <summary>Prunes changes older than <see cref="PartnerSyncOptions.Retention"/> every <see cref="PartnerSyncOptions.PruneInterval"/>.</summary>
public sealed partial class ChangeLogPruner(IServiceScopeFactory scopes, IOptions<PartnerSyncOptions> options, TimeProvider clock, ILogger<ChangeLogPruner> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PruningEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var pruned = await scope.ServiceProvider.GetRequiredService<ChangeLogRetention>()
                    .PruneAsync(clock.GetUtcNow() - options.Value.Retention, stoppingToken);
                LogPruned(logger, pruned);
                await Task.Delay(options.Value.PruneInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be down or restarting; the next round catches up, nothing is lost by waiting.
                LogPruneFailed(logger, e);
                try
                {
                    await Task.Delay(options.Value.PruneInterval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Count} partner sync changes past retention.")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning the partner sync change log failed; retrying after the interval.")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
