using System.Diagnostics.Metrics;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Partners.Webhooks;

/// <summary>Whether partners get their webhooks: what waits to be sent, and the attempts that failed.</summary>
public sealed class WebhookMetrics
{
    public const string Backlog = "commentary.webhook.backlog";
    public const string Failures = "commentary.webhook.failures";

    /// <summary>Tag of <see cref="Failures"/>: <c>retry</c> (another attempt is scheduled) or <c>failed</c> (the delivery gave up).</summary>
    public const string OutcomeTag = "commentary.webhook.outcome";

    private readonly Counter<long> _failures;

    public WebhookMetrics(CommentaryMeter meter) =>
        _failures = meter.Meter.CreateCounter<long>(Failures, "{attempt}",
            "Delivery attempts that did not get a 2xx (refused, timed out, an error status, or the webhook disabled), by outcome.");

    internal void RecordFailure(bool final) => _failures.Add(1, new KeyValuePair<string, object?>(OutcomeTag, final ? "failed" : "retry"));

    /// <summary>The gauge of deliveries still to be sent (due or waiting for a retry), sampled by the platform's gauge sampler.</summary>
    internal static IServiceCollection AddBacklogGauge(IServiceCollection services) => services.AddSampledGauge(
        Backlog, "{delivery}", "Webhook deliveries pending: not yet sent, or waiting for a retry.",
        (provider, cancellationToken) => provider.GetRequiredService<CommentaryDbContext>().WebhookDeliveries
            .LongCountAsync(d => d.Status == DeliveryStatus.Pending, cancellationToken));
}
