namespace Commentary.Api.Platform.Background;

/// <summary>
/// The loop every background worker shares: run a round of work, then wait <see cref="Interval"/> (or start the next
/// round at once when the round says more is waiting). A failed round is logged once and retried after a back-off that
/// doubles with each consecutive failure, up to <see cref="MaxBackOff"/>, and returns to the interval after a success.
/// Cancellation at shutdown ends the loop quietly: the round sees the stopping token, so the host's timeout holds.
/// </summary>
public abstract partial class PollingWorker(TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>
    /// The longest wait after failures. Never shortens <see cref="Interval"/>: a worker that polls hourly keeps waiting
    /// an hour after a failure, so an outage never makes it poll more often than it would when healthy.
    /// </summary>
    public static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(30);

    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

    /// <summary>The wait between rounds that found nothing more to do, from the worker's own options.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>False when configuration turns the worker off in this instance; it then never runs a round.</summary>
    protected virtual bool IsEnabled => true;

    /// <summary>One round of work. Returns true when more is already waiting (a full batch), so the next round starts at once.</summary>
    protected abstract Task<bool> RunOnceAsync(CancellationToken stoppingToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsEnabled)
        {
            return;
        }

        var consecutiveFailures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var moreWaiting = await RunOnceAsync(stoppingToken);
                consecutiveFailures = 0;
                wait = moreWaiting ? TimeSpan.Zero : Interval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must survive a database outage or a not-yet-migrated database; a later round retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                consecutiveFailures++;
                wait = BackOff(Interval, consecutiveFailures);
                LogRoundFailed(Logger, GetType().Name, wait, e);
            }

            if (wait > TimeSpan.Zero && !await WaitAsync(wait, stoppingToken))
            {
                return;
            }
        }
    }

    /// <summary>The interval after the first failure, doubling with each further one, capped at <see cref="MaxBackOff"/> (or the interval, if longer).</summary>
    internal static TimeSpan BackOff(TimeSpan interval, int consecutiveFailures)
    {
        var cap = interval > MaxBackOff ? interval : MaxBackOff;
        var wait = interval;
        for (var i = 1; i < consecutiveFailures && wait < cap; i++)
        {
            wait *= 2;
        }

        return wait < cap ? wait : cap;
    }

    /// <summary>False when shutdown interrupted the wait.</summary>
    private async Task<bool> WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(wait, Time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Worker} failed; retrying in {RetryIn}")]
    private static partial void LogRoundFailed(ILogger logger, string worker, TimeSpan retryIn, Exception exception);
}
