using System.Collections.Concurrent;
using System.Threading.Channels;
using Commentary.Api.Platform.Background;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Commentary.Api.Tests.Platform.Background;

/// <summary>Runs the given rounds in order, then idles (nothing more waiting); records the fake time each round starts.</summary>
internal sealed class ScriptedWorker(TimeProvider time, ILogger logger, TimeSpan interval, params Func<CancellationToken, Task<bool>>[] rounds)
    : PollingWorker(time, logger)
{
    private readonly Queue<Func<CancellationToken, Task<bool>>> _script = new(rounds);
    private readonly Channel<DateTimeOffset> _roundStarts = Channel.CreateUnbounded<DateTimeOffset>();

    public bool Enabled { get; init; } = true;

    public bool HasStartedAnotherRound => _roundStarts.Reader.TryPeek(out _);

    protected override TimeSpan Interval => interval;

    protected override bool IsEnabled => Enabled;

    public async Task<DateTimeOffset> NextRoundAsync() => await _roundStarts.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public List<DateTimeOffset> DrainRounds()
    {
        var started = new List<DateTimeOffset>();
        while (_roundStarts.Reader.TryRead(out var start))
        {
            started.Add(start);
        }

        return started;
    }

    protected override Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        _roundStarts.Writer.TryWrite(Time.GetUtcNow());
        return _script.TryDequeue(out var round) ? round(stoppingToken) : Task.FromResult(false);
    }
}

/// <summary>
/// Fake time that reports every timer created on it, that is every wait the loop asks for, so a test can move the
/// clock exactly past it once the loop is really waiting.
/// </summary>
internal sealed class ObservedTime : TimeProvider
{
    private readonly FakeTimeProvider _fake = new();
    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();
    private int _waitsAsked;

    public int WaitsAsked => Volatile.Read(ref _waitsAsked);

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _fake.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _waitsAsked);
        _waits.Writer.TryWrite(dueTime);
        return timer;
    }

    public async Task<TimeSpan> NextWaitAsync() => await _waits.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public void Advance(TimeSpan by) => _fake.Advance(by);
}

internal sealed record LogLine(LogLevel Level, string Message, Exception? Exception);

internal sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyCollection<LogLine> Lines => _lines.ToArray();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue(new LogLine(logLevel, formatter(state, exception), exception));
}
