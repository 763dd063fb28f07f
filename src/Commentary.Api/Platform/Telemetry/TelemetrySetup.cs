using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Commentary.Api.Platform.Telemetry;

/// <summary>
/// Traces and metrics of the HTTP pipeline, outgoing HTTP (webhooks), PostgreSQL, Redis and the runtime, plus the
/// app's own <see cref="CommentaryMeter"/>. They leave the process only over OTLP, and only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads it and the other standard <c>OTEL_*</c> variables).
/// Metrics are always collected (dotnet-counters reads them in place); spans only when something takes them (the OTLP
/// exporter, or <c>Commentary:Telemetry:Traces</c> for an exporter added in code): a span nobody exports costs every
/// request its bookkeeping for nothing.
/// </summary>
internal static class TelemetrySetup
{
    public const string DefaultServiceName = "commentary-api";

    public static WebApplicationBuilder AddCommentaryTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddSingleton<CommentaryMeter>();
        if (string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            // The standard switch: nothing collected, nothing exported, and no queries to sample gauges nobody reads.
            return builder;
        }

        services.AddOptions<TelemetryOptions>().BindConfiguration("Commentary:Telemetry");
        services.AddHostedService<GaugeSampler>();

        // Read here rather than left to the SDK's detector: an explicit AddService would override that detector.
        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName;
        var export = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(serviceName));
        if (export || configuration.GetValue<bool>("Commentary:Telemetry:Traces"))
        {
            telemetry.WithTracing(tracing =>
            {
                tracing
                    // Load balancers probe /health every few seconds: those spans would drown the requests worth reading.
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    // Traces an IConnectionMultiplexer in DI, if any, and the connections handed to it later: SharedRedis
                    // hands it its own when ConnectionStrings:Redis is set. Without Redis it does nothing.
                    .AddRedisInstrumentation();

                if (export)
                {
                    tracing.AddOtlpExporter();
                }
            });
        }

        telemetry.WithMetrics(metrics =>
        {
            metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(CommentaryMeter.Name);
            if (export)
            {
                metrics.AddOtlpExporter();
            }
        });
        return builder;
    }
}

public sealed class TelemetryOptions
{
    /// <summary>How often the gauges that need the database are sampled; a scrape reads the last sample.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);
}
