using System.Diagnostics.Metrics;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Delivery.PrebuiltPages;

/// <summary>How far prebuilt pages trail the changes readers are owed.</summary>
public sealed class RenderingMetrics
{
    public const string PublishToVisible = "commentary.publish_to_visible.duration";
    public const string QueueLength = "commentary.rendering.queue.length";

    private readonly Histogram<double> _publishToVisible;

    public RenderingMetrics(CommentaryMeter meter) =>
        _publishToVisible = meter.Meter.CreateHistogram(
            PublishToVisible,
            unit: "s",
            description: "From the transaction that changed an article's public content (a publish, an unpublish, an edit of published parts) "
                + "to the render worker writing its rebuilt pages; until then readers get the slower live read. Database clock at both ends.",
            tags: null,
            // Seconds, not the SDK's default buckets (milliseconds up to 10,000): the worker polls every second when idle.
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800] });

    internal void RecordPublishToVisible(double seconds) => _publishToVisible.Record(seconds);

    /// <summary>The gauge of articles waiting in <c>rendition_queue</c>, sampled by the platform's gauge sampler.</summary>
    internal static IServiceCollection AddQueueLengthGauge(IServiceCollection services) => services.AddSampledGauge(
        QueueLength, "{article}", "Articles whose prebuilt pages wait to be rebuilt (rows of rendition_queue).",
        (provider, cancellationToken) => provider.GetRequiredService<CommentaryDbContext>().PageRenderQueue.LongCountAsync(cancellationToken));
}
