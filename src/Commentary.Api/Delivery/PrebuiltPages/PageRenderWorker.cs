using Commentary.Api.Delivery.Related;
using Commentary.Api.Platform.Background;
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
    /// Batches built at once by this instance's worker, each from its own part of the queue: building is one thread's
    /// work, so on a machine with two cores two keep both busy while the queue is long (a deploy that changes every page).
    /// </summary>
    public int Lanes { get; set; } = 2;

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
internal sealed class PageRenderWorker(IServiceScopeFactory scopes, IOptions<PrebuiltPageOptions> options, TimeProvider time, ILogger<PageRenderWorker> logger)
    : PollingWorker(time, logger)
{
    private SuggestionLists[] _suggestionLists = [];
    private bool _formatsChecked;
    private DateTimeOffset _lastRefresh = DateTimeOffset.MinValue;

    protected override bool IsEnabled => options.Value.Enabled && options.Value.Worker;

    protected override TimeSpan Interval => options.Value.PollInterval;

    /// <summary>A batch per round while the queue yields any; once it is empty, re-queues expired pages at most once a minute.</summary>
    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        if (!_formatsChecked)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PageRenderer>().EnqueueOutdatedFormatsAsync(stoppingToken);
            _formatsChecked = true;
        }

        if (await RenderBatchesAsync(stoppingToken) > 0)
        {
            return true;
        }

        if (Time.GetUtcNow() - _lastRefresh >= RefreshInterval)
        {
            _lastRefresh = Time.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PageRenderer>()
                .EnqueueExpiredAsync(_lastRefresh - options.Value.RefreshAfter, options.Value.BatchSize, stoppingToken);
        }

        return false;
    }

    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    /// <summary>How many batches a lane renders in a round before the round looks at expired pages and the stopping token again.</summary>
    private const int BatchesPerRound = 8;

    /// <summary>Renders in <see cref="PrebuiltPageOptions.Lanes"/> lanes at once; returns how many queue entries were read (0: idle).</summary>
    private async Task<int> RenderBatchesAsync(CancellationToken cancellationToken)
    {
        var lanes = Math.Max(1, options.Value.Lanes);
        if (_suggestionLists.Length != lanes)
        {
            _suggestionLists = [.. Enumerable.Range(0, lanes).Select(_ => new SuggestionLists())];
        }

        var read = await Task.WhenAll(Enumerable.Range(0, lanes).Select(lane => RenderLaneAsync(new PageRenderer.QueueShare(lane, lanes), cancellationToken)));
        return read.Sum();
    }

    /// <summary>
    /// Renders batches of one share of the queue until it is empty or <see cref="BatchesPerRound"/> are done, each read and
    /// built while the one before it is stored: building is mostly this process's work and storing mostly PostgreSQL's, so
    /// they overlap. Each step has a scope of its own, so change trackers and connections never outlive it.
    /// </summary>
    private async Task<int> RenderLaneAsync(PageRenderer.QueueShare share, CancellationToken cancellationToken)
    {
        var storing = Task.CompletedTask;
        IReadOnlyCollection<Guid> beingStored = [];
        var read = 0;
        try
        {
            for (var batches = 0; batches < BatchesPerRound; batches++)
            {
                PageRenderer.Batch? batch;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    batch = await scope.ServiceProvider.GetRequiredService<PageRenderer>()
                        .ReadBatchAsync(options.Value.BatchSize, cancellationToken, _suggestionLists[share.Index], beingStored, share);
                }

                await storing;
                if (batch is null)
                {
                    break;
                }

                read += batch.Entries.Count;
                beingStored = batch.Entries.Select(e => e.ArticleId).ToList();
                storing = StoreAsync(batch, cancellationToken);
            }
        }
        finally
        {
            await storing;
        }

        return read;
    }

    private async Task StoreAsync(PageRenderer.Batch batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PageRenderer>().StoreBatchAsync(batch, cancellationToken);
    }
}
