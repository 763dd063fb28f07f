using System.Diagnostics;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Instrumentation.StackExchangeRedis;

namespace Commentary.Api.Tests.Platform.Telemetry;

/// <summary>With a real Redis, the shared output cache's commands are spans of the request that sent them.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class RedisTracingTests(ApiFixture fixture, TestRedis redis) : ApiTest(fixture), IClassFixture<TestRedis>
{
    [Fact]
    public async Task Request_ItsRedisCommandsAreSpansBeneathIt()
    {
        var capture = new TelemetryCapture();
        await using var app = capture.Start(
            // The instrumentation turns profiled commands into spans on a timer (10 s by default).
            Factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
                services.Configure<StackExchangeRedisInstrumentationOptions>(o => o.FlushInterval = TimeSpan.FromMilliseconds(100)))),
            ("ConnectionStrings:Redis", redis.ConnectionString));
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/articles");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        (await app.CreateClient().SendAsync(request)).EnsureSuccessStatusCode();

        var spans = await capture.WaitForSpansAsync(traceId, s => s.Any(a => a.Source.Name == "Microsoft.AspNetCore") && s.Any(IsRedis));
        var server = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore");
        Assert.Contains(spans, s => IsRedis(s) && s.ParentSpanId == server.SpanId);
    }

    private static bool IsRedis(Activity span) => span.Source.Name.Contains("Redis", StringComparison.Ordinal);
}
