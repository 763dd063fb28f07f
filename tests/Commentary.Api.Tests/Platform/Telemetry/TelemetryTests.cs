using System.Diagnostics;
using Commentary.Api.Delivery.PrebuiltPages;
using Commentary.Api.Partners.Sync;
using Commentary.Api.Partners.Webhooks;
using Commentary.Api.Tests.Infrastructure;
using Commentary.Api.Tests.Partners.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Commentary.Api.Tests.Platform.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests(ApiFixture fixture) : ApiTest(fixture)
{
    private static readonly Dictionary<string, string> English = new() { ["en"] = "Telemetry story" };

    [Fact]
    public async Task Request_IsOneTrace_FromTheServerSpanThroughItsDatabaseCalls_AndItsLogLinesCarryTheTraceId()
    {
        var capture = new TelemetryCapture();
        var logs = new ScopeCapturingLoggerProvider();
        await using var app = capture.Start(Factory.WithWebHostBuilder(b => b.ConfigureServices(services => services.AddLogging(logging =>
        {
            logging.AddProvider(logs);
            logging.AddFilter<ScopeCapturingLoggerProvider>(null, LogLevel.Trace);
        }))));
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/articles");
        // As a caller that is itself traced would send it: the API's spans join the caller's trace.
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        (await app.CreateClient().SendAsync(request)).EnsureSuccessStatusCode();

        var spans = await capture.WaitForSpansAsync(traceId, s => s.Any(a => a.Source.Name == "Microsoft.AspNetCore"));
        var server = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal(ActivityKind.Server, server.Kind);
        Assert.StartsWith("GET /api/articles", server.DisplayName, StringComparison.Ordinal);
        var database = spans.Where(s => s.Source.Name == "Npgsql").ToList();
        Assert.NotEmpty(database);
        Assert.All(database, s => Assert.Equal(server.SpanId, s.ParentSpanId));
        Assert.Contains(database, s => (s.GetTagItem("db.query.text") ?? s.GetTagItem("db.statement")) is string sql && sql.Contains("translations", StringComparison.Ordinal));
        Assert.Equal("commentary-api", app.Services.GetRequiredService<OpenTelemetry.Trace.TracerProvider>().GetResource().Attributes
            .Single(a => a.Key == "service.name").Value);

        Assert.Contains(logs.Lines, line => line.Category == "Microsoft.AspNetCore.Hosting.Diagnostics"
            && line.Scopes.TryGetValue("TraceId", out var id) && id == traceId.ToString()
            && line.Scopes.TryGetValue("SpanId", out var span) && span == server.SpanId.ToString());
    }

    [Fact]
    public async Task Gauges_ReportWhatTheDatabaseHolds_SampledInTheBackground()
    {
        var capture = new TelemetryCapture();
        await using var app = capture.Start(Factory);
        await DispatchingApp.RegisterAsync(DispatchingApp.AdminOf(app), "http://127.0.0.1:9/hook");
        var seed = ContentSeeder.OnWallClock(app.Services);
        await seed.ArticleAsync("one", "en", English, publish: ["en"]);
        await seed.ArticleAsync("two", "en", English, publish: ["en"]);
        await using var db = CreateDbContext();
        var queued = await db.PageRenderQueue.LongCountAsync();
        var pending = await db.WebhookDeliveries.LongCountAsync(d => d.Status == DeliveryStatus.Pending);
        Assert.True(queued >= 2, $"{queued} queued"); // the shared app renders nothing by itself, the worker is off
        Assert.Equal(2, pending); // and sends nothing

        var queue = await capture.WaitForSampleAsync(app, RenderingMetrics.QueueLength, p => TelemetryCapture.GaugeValue(p) == queued);
        Assert.Equal(queued, TelemetryCapture.GaugeValue(queue));
        var backlog = await capture.WaitForSampleAsync(app, WebhookMetrics.Backlog, p => TelemetryCapture.GaugeValue(p) == pending);
        Assert.Equal(pending, TelemetryCapture.GaugeValue(backlog));
        Assert.Equal(0, TelemetryCapture.GaugeValue(capture.Collect(app, PartnerSyncEndpoints.SyncLag))); // the backlog's wait made this sample recent

        // A write transaction left open holds the sync fence back: the lag grows while it runs and is gone once it ends.
        await using (var connection = new NpgsqlConnection(Fixture.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var command = new NpgsqlCommand("SELECT pg_current_xact_id()", connection, transaction))
            {
                await command.ExecuteScalarAsync();
            }

            var lag = await capture.WaitForSampleAsync(app, PartnerSyncEndpoints.SyncLag, p => TelemetryCapture.GaugeValue(p) >= 1);
            Assert.True(TelemetryCapture.GaugeValue(lag) >= 1, $"lag {TelemetryCapture.GaugeValue(lag)}");
        }

        var after = await capture.WaitForSampleAsync(app, PartnerSyncEndpoints.SyncLag, p => TelemetryCapture.GaugeValue(p) == 0);
        Assert.Equal(0, TelemetryCapture.GaugeValue(after));
    }

    [Fact]
    public async Task Publish_IsMeasuredUntilTheRenderWorkerWritesItsPage_AndFailedWebhookAttemptsAreCounted()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 500);
        var capture = new TelemetryCapture();
        await using var app = capture.Start(DispatchingApp.Start(Factory, ("Commentary:Webhooks:MaxAttempts", "2")),
            ("Commentary:Renditions:Worker", "true"), ("Commentary:Renditions:PollInterval", "00:00:00.100"));
        await DispatchingApp.RegisterAsync(DispatchingApp.AdminOf(app), receiver.Url, "published");
        var started = Stopwatch.StartNew();

        await ContentSeeder.OnWallClock(app.Services).ArticleAsync("story", "en", English, publish: ["en"]);

        var visible = await capture.WaitForAsync(app, RenderingMetrics.PublishToVisible, p => p.Sum(h => h.GetHistogramCount()) >= 1);
        var histogram = Assert.Single(visible);
        Assert.Equal(1, histogram.GetHistogramCount());
        Assert.InRange(histogram.GetHistogramSum(), 0, started.Elapsed.TotalSeconds);
        await using (var db = CreateDbContext())
        {
            Assert.Equal(0, await db.PageRenderQueue.CountAsync());
            Assert.NotEqual(0, await db.PrebuiltPages.CountAsync());
        }

        var failures = await capture.WaitForAsync(app, WebhookMetrics.Failures, p => Outcome(p, "failed") == 1);
        Assert.Equal((1, 1), (Outcome(failures, "retry"), Outcome(failures, "failed")));
        Assert.Equal(2, receiver.Requests.Count);
        var port = new Uri(receiver.Url).Port;
        Assert.Equal(2, capture.Spans.Snapshot().Count(s => s.Source.Name == "System.Net.Http" && s.Kind == ActivityKind.Client
            && s.GetTagItem("server.port") is int p && p == port));
    }

    private static long Outcome(IReadOnlyList<MetricPoint> points, string outcome) => points
        .Where(p => Tags(p).TryGetValue(WebhookMetrics.OutcomeTag, out var value) && value as string == outcome)
        .Sum(p => p.GetSumLong());

    private static Dictionary<string, object?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>();
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        return tags;
    }

    /// <summary>Records each line with the scopes a JSON console would print beside it (activity tracking adds TraceId and SpanId there).</summary>
    private sealed class ScopeCapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public System.Collections.Concurrent.ConcurrentQueue<(string Category, Dictionary<string, string?> Scopes)> Lines { get; } = new();

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ScopeCapturingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new Dictionary<string, string?>();
                provider._scopes.ForEachScope(
                    (scope, values) =>
                    {
                        if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                        {
                            foreach (var (key, value) in pairs)
                            {
                                values[key] = value?.ToString();
                            }
                        }
                    },
                    scopes);
                provider.Lines.Enqueue((category, scopes));
            }
        }
    }
}

/// <summary>
/// Run alone, after every parallel test: OpenTelemetry listens to meters by name across the process, so another app's
/// instruments (a render worker of a test running in parallel) would record into these tests' captures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "telemetry";
}
