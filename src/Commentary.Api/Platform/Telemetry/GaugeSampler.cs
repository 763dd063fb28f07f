using System.Diagnostics.Metrics;
using Commentary.Api.Platform.Background;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Platform.Telemetry;

/// <summary>
/// A gauge whose value costs a database query: sampled by <see cref="GaugeSampler"/> every
/// <see cref="TelemetryOptions.SampleInterval"/>, never by the exporter's collection itself (which may run on any thread, as
/// often as a collector scrapes). <paramref name="Sample"/> gets a fresh scope's services.
/// </summary>
public sealed record SampledGauge(string Name, string Unit, string Description, Func<IServiceProvider, CancellationToken, Task<long>> Sample);

public static class SampledGauges
{
    /// <summary>Registers a gauge of <see cref="CommentaryMeter"/> that reports the last value <paramref name="sample"/> returned.</summary>
    public static IServiceCollection AddSampledGauge(
        this IServiceCollection services, string name, string unit, string description, Func<IServiceProvider, CancellationToken, Task<long>> sample) =>
        services.AddSingleton(new SampledGauge(name, unit, description, sample));
}

/// <summary>Samples every <see cref="SampledGauge"/> in one scope per round; the gauges report the last round's values.</summary>
internal sealed class GaugeSampler : PollingWorker
{
    private readonly SampledGauge[] _gauges;
    // Boxed, so a scrape on another thread reads a whole sample or none (no torn or cached long).
    private readonly object?[] _last;
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<TelemetryOptions> _options;

    public GaugeSampler(
        IEnumerable<SampledGauge> gauges, CommentaryMeter meter, IServiceScopeFactory scopes, IOptions<TelemetryOptions> options, TimeProvider time, ILogger<GaugeSampler> logger)
        : base(time, logger)
    {
        _gauges = gauges.ToArray();
        _last = new object?[_gauges.Length];
        _scopes = scopes;
        _options = options;
        for (var i = 0; i < _gauges.Length; i++)
        {
            var index = i;
            meter.Meter.CreateObservableGauge(_gauges[i].Name, () => Observe(index), _gauges[i].Unit, _gauges[i].Description);
        }
    }

    protected override TimeSpan Interval => _options.Value.SampleInterval;

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        try
        {
            for (var i = 0; i < _gauges.Length; i++)
            {
                Volatile.Write(ref _last[i], (object)await _gauges[i].Sample(scope.ServiceProvider, stoppingToken));
            }
        }
        catch
        {
            // While the database cannot be read, report nothing rather than a value that is no longer true.
            for (var i = 0; i < _gauges.Length; i++)
            {
                Volatile.Write(ref _last[i], null);
            }

            throw;
        }

        return false;
    }

    private IEnumerable<Measurement<long>> Observe(int index) =>
        Volatile.Read(ref _last[index]) is long value ? [new Measurement<long>(value)] : [];
}
