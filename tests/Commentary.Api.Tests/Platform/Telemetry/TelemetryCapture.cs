using System.Collections.ObjectModel;
using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Commentary.Api.Tests.Platform.Telemetry;

/// <summary>
/// An app with telemetry on (the suite's apps run with <c>OTEL_SDK_DISABLED</c>) and OpenTelemetry's in-memory exporters
/// beside whatever it configures itself: the spans it ends and the metrics it collects.
/// </summary>
internal sealed class TelemetryCapture
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);

    public Locked<Activity> Spans { get; } = new();

    public Locked<MetricSnapshot> Metrics { get; } = new();

    public WebApplicationFactory<Program> Start(WebApplicationFactory<Program> factory, params (string Key, string Value)[] settings)
    {
        var app = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("OTEL_SDK_DISABLED", "false");
            // Fast enough that a test waits a fraction of a second for a sample, slow enough to stay out of the way.
            b.UseSetting("Commentary:Telemetry:SampleInterval", SampleInterval.ToString());
            // No OTLP endpoint here: spans are collected for the in-memory exporter below.
            b.UseSetting("Commentary:Telemetry:Traces", "true");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureTestServices(services => services
                .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans))
                .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics)));
        });
        _ = app.Server;
        return app;
    }

    /// <summary>Collects now and returns the points of <paramref name="name"/> in that collection (none when it reported nothing).</summary>
    public IReadOnlyList<MetricPoint> Collect(WebApplicationFactory<Program> app, string name)
    {
        Metrics.Clear();
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var points = new List<MetricPoint>();
        foreach (var point in Metrics.Snapshot().LastOrDefault(m => m.Name == name)?.MetricPoints ?? [])
        {
            points.Add(point);
        }

        return points;
    }

    /// <summary>Collects until <paramref name="done"/> holds for <paramref name="name"/>'s points, or 10 s have passed; returns the last points.</summary>
    public Task<IReadOnlyList<MetricPoint>> WaitForAsync(WebApplicationFactory<Program> app, string name, Func<IReadOnlyList<MetricPoint>, bool> done) =>
        PollAsync(() => Collect(app, name), done);

    /// <summary>The spans of <paramref name="traceId"/> once <paramref name="done"/> holds for them (a server span ends after its response reached the client).</summary>
    public Task<List<Activity>> WaitForSpansAsync(ActivityTraceId traceId, Func<List<Activity>, bool> done) =>
        PollAsync(() => Spans.Snapshot().Where(s => s.TraceId == traceId).ToList(), done);

    private static async Task<T> PollAsync<T>(Func<T> probe, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var value = probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// <see cref="WaitForAsync"/>, then the points of a collection three sample intervals later: a gauge may still show a
    /// sample taken before the test's last change, which must not pass for one taken after it.
    /// </summary>
    public async Task<IReadOnlyList<MetricPoint>> WaitForSampleAsync(WebApplicationFactory<Program> app, string name, Func<IReadOnlyList<MetricPoint>, bool> done)
    {
        await WaitForAsync(app, name, done);
        await Task.Delay(SampleInterval * 3);
        return Collect(app, name);
    }

    public static long? GaugeValue(IReadOnlyList<MetricPoint> points) => points.Count == 1 ? points[0].GetGaugeLastValueLong() : null;

    /// <summary>The exporters write from the threads that end spans or collect; the test reads from its own.</summary>
    internal sealed class Locked<T> : Collection<T>
    {
        private readonly Lock _lock = new();

        public List<T> Snapshot()
        {
            lock (_lock)
            {
                return [.. this];
            }
        }

        protected override void InsertItem(int index, T item)
        {
            lock (_lock)
            {
                base.InsertItem(index, item);
            }
        }

        protected override void ClearItems()
        {
            lock (_lock)
            {
                base.ClearItems();
            }
        }
    }
}
