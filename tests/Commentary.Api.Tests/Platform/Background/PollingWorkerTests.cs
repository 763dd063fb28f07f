using Commentary.Api.Platform.Background;
using Microsoft.Extensions.Logging;

namespace Commentary.Api.Tests.Platform.Background;

/// <summary>
/// The shared worker loop, driven on fake time: every wait the loop asks for is observed (<see cref="ObservedTime"/>)
/// before the test moves the clock past it, so no assertion depends on how fast the machine is.
/// </summary>
public sealed class PollingWorkerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly ObservedTime _time = new();
    private readonly RecordingLogger _logger = new();

    [Fact]
    public async Task NothingMoreWaiting_RunsARoundEveryInterval()
    {
        using var worker = new ScriptedWorker(_time, _logger, Interval);
        var start = _time.GetUtcNow();
        await worker.StartAsync(CancellationToken.None);

        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(start + (Interval * round), await worker.NextRoundAsync());
            Assert.Equal(Interval, await _time.NextWaitAsync());
            _time.Advance(Interval - TimeSpan.FromTicks(1));
            Assert.False(worker.HasStartedAnotherRound, "a round started before the interval was up");
            _time.Advance(TimeSpan.FromTicks(1));
        }

        Assert.Empty(_logger.Lines);
    }

    [Fact]
    public async Task MoreWaiting_StartsTheNextRoundAtOnce()
    {
        using var worker = new ScriptedWorker(_time, _logger, Interval, MoreWaiting, MoreWaiting);
        var start = _time.GetUtcNow();
        await worker.StartAsync(CancellationToken.None);

        Assert.Equal(Interval, await _time.NextWaitAsync());
        Assert.Equal([start, start, start], worker.DrainRounds());
    }

    [Fact]
    public async Task Failures_BackOffDoublingUpTo30Seconds_AndASuccessResetsToTheInterval()
    {
        var script = Enumerable.Repeat<Func<CancellationToken, Task<bool>>>(Fails, 7).Append(Idle).Append(Fails).ToArray();
        using var worker = new ScriptedWorker(_time, _logger, Interval, script);
        await worker.StartAsync(CancellationToken.None);

        int[] expectedSeconds = [1, 2, 4, 8, 16, 30, 30, 1, 1];
        foreach (var seconds in expectedSeconds)
        {
            var wait = await _time.NextWaitAsync();
            Assert.Equal(TimeSpan.FromSeconds(seconds), wait);
            _time.Advance(wait);
        }

        await _time.NextWaitAsync();
        Assert.Equal(10, worker.DrainRounds().Count);
    }

    [Fact]
    public async Task Failures_NeverPollFasterThanALongInterval()
    {
        var hourly = TimeSpan.FromHours(1);
        using var worker = new ScriptedWorker(_time, _logger, hourly, Fails, Fails, Fails);
        await worker.StartAsync(CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(hourly, await _time.NextWaitAsync());
            _time.Advance(hourly);
        }
    }

    [Fact]
    public async Task EachFailure_LogsOneWarningNamingTheWorker_WithItsException()
    {
        using var worker = new ScriptedWorker(_time, _logger, Interval, Fails, Idle, Fails, Fails, Idle);
        await worker.StartAsync(CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(await _time.NextWaitAsync());
        }

        Assert.Equal(3, _logger.Lines.Count);
        Assert.All(_logger.Lines, line =>
        {
            Assert.Equal(LogLevel.Warning, line.Level);
            Assert.Contains(nameof(ScriptedWorker), line.Message, StringComparison.Ordinal);
            Assert.IsType<InvalidOperationException>(line.Exception);
        });
        Assert.Equal(3, _logger.Lines.Select(l => l.Exception).Distinct().Count());
    }

    [Fact]
    public async Task CancellationNotCausedByShutdown_IsAFailure_AndTheLoopGoesOn()
    {
        Func<CancellationToken, Task<bool>> timesOut = _ => throw new OperationCanceledException("a query timed out");
        using var worker = new ScriptedWorker(_time, _logger, Interval, timesOut, timesOut);
        await worker.StartAsync(CancellationToken.None);

        Assert.Equal(Interval, await _time.NextWaitAsync());
        _time.Advance(Interval);

        Assert.Equal(Interval * 2, await _time.NextWaitAsync());
        Assert.Equal(2, _logger.Lines.Count);
        Assert.False(worker.ExecuteTask!.IsCompleted);
    }

    [Fact]
    public async Task ShutdownWhileWaiting_StopsWithoutWaitingOutTheInterval()
    {
        using var worker = new ScriptedWorker(_time, _logger, TimeSpan.FromHours(1));
        await worker.StartAsync(CancellationToken.None);
        await _time.NextWaitAsync();

        await worker.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(TaskStatus.RanToCompletion, worker.ExecuteTask!.Status);
        Assert.Single(worker.DrainRounds());
        Assert.Empty(_logger.Lines);
    }

    [Fact]
    public async Task ShutdownDuringARound_IsNotAFailure()
    {
        var roundStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var worker = new ScriptedWorker(_time, _logger, Interval, async stoppingToken =>
        {
            roundStarted.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, stoppingToken);
            return false;
        });
        await worker.StartAsync(CancellationToken.None);
        await roundStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await worker.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(TaskStatus.RanToCompletion, worker.ExecuteTask!.Status);
        Assert.Empty(_logger.Lines);
        Assert.Equal(0, _time.WaitsAsked);
    }

    [Fact]
    public async Task Disabled_NeverRunsARound()
    {
        using var worker = new ScriptedWorker(_time, _logger, Interval) { Enabled = false };
        await worker.StartAsync(CancellationToken.None);

        await worker.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(worker.DrainRounds());
        Assert.Equal(0, _time.WaitsAsked);
    }

    private static Task<bool> Idle(CancellationToken _) => Task.FromResult(false);

    private static Task<bool> MoreWaiting(CancellationToken _) => Task.FromResult(true);

    private static Task<bool> Fails(CancellationToken _) => Task.FromException<bool>(new InvalidOperationException("the database is down"));
}
