using Microsoft.Extensions.Options;

namespace Commentary.Api.Delivery.PrebuiltPages;

public sealed class PrebuiltPageOptions
{
    /// <summary>Serve article pages and feed items from prebuilt renditions (the live read answers whenever none is current).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Run the background worker in this instance (several instances may; at least one should).</summary>
    public bool Worker { get; set; } = true;

    /// <summary>How often the queue is looked at when it was empty; a change is served live at most this much longer.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Articles rendered per batch (each in every language).</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// Rebuild pages older than this, so their suggestions take in articles published since (a page is otherwise rebuilt
    /// only when it, or an article it shows, changes). At most one batch is re-queued per minute while the queue is idle.
    /// </summary>
    public TimeSpan RefreshAfter { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Keeps renditions current: drains the queue the <c>content_changes</c> trigger fills, batch after batch, then polls.
/// Several API instances may run it at once; the renderer's store step keeps only what is still current.
/// </summary>
internal sealed partial class PageRenderWorker(IServiceScopeFactory scopes, IOptions<PrebuiltPageOptions> options, TimeProvider time, ILogger<PageRenderWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || !options.Value.Worker)
        {
            return;
        }

        var formatsChecked = false;
        var lastRefresh = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                if (!formatsChecked)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<PageRenderer>().EnqueueOutdatedFormatsAsync(stoppingToken);
                    formatsChecked = true;
                }

                while (await RenderOneBatchAsync(stoppingToken) > 0)
                {
                }

                if (time.GetUtcNow() - lastRefresh >= RefreshInterval)
                {
                    lastRefresh = time.GetUtcNow();
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<PageRenderer>()
                        .EnqueueExpiredAsync(lastRefresh - options.Value.RefreshAfter, options.Value.BatchSize, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must survive a database outage or a not-yet-migrated database; the next tick retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    /// <summary>One batch in a fresh scope, so the change tracker and connection state never outlive a batch.</summary>
    private async Task<int> RenderOneBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PageRenderer>().RenderNextBatchAsync(options.Value.BatchSize, cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "Rendering queued articles failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
