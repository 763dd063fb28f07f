using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Commentary.Api.Platform.Background;
using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Partners.Webhooks;

/// <summary>
/// Sends outbox rows. A row is claimed with <c>FOR UPDATE SKIP LOCKED</c> by pushing its next attempt past a lease, so
/// instances never send the same row at once, and a crash between sending and recording only causes a resend after the
/// lease (at-least-once; receivers dedupe by <c>webhook-id</c>, the delivery id, which never changes).
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, IHttpClientFactory clients, WebhookSecrets secrets, IOptions<WebhookOptions> options, WebhookMetrics metrics, TimeProvider clock,
    ILogger<WebhookDispatcher> logger)
    : PollingWorker(clock, logger)
{
    private const int BatchSize = 20;

    private sealed record Claimed(Guid Id, Guid WebhookId, string Payload, string Url, string Secret, string? PreviousSecret, bool WebhookDisabled);

    protected override bool IsEnabled => options.Value.DispatcherEnabled;

    protected override TimeSpan Interval => options.Value.PollInterval;

    /// <summary>
    /// Sends one claimed batch. After a failure the leased rows come back on their own once the lease runs out.
    /// A full batch means more rows are probably due, so the next round starts at once.
    /// </summary>
    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        var claimed = await ClaimAsync(stoppingToken);
        await Task.WhenAll(claimed.Select(c => DeliverAsync(c, stoppingToken)));
        return claimed.Count == BatchSize;
    }

    private async Task<IReadOnlyList<Claimed>> ClaimAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE webhook_deliveries d SET next_attempt_at = @lease
            FROM webhooks w
            WHERE w.id = d.webhook_id AND d.id IN (
                SELECT id FROM webhook_deliveries
                WHERE status = 'pending' AND next_attempt_at <= @now
                ORDER BY next_attempt_at
                LIMIT @batch
                FOR UPDATE SKIP LOCKED)
            RETURNING d.id, d.webhook_id, d.payload::text, w.url, w.secret,
                CASE WHEN w.previous_secret_expires_at > @now THEN w.previous_secret END, w.disabled_at IS NOT NULL
            """;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommentaryDbContext>();
        var now = Time.GetUtcNow();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        AddParameter(command, "now", now);
        AddParameter(command, "lease", now + options.Value.Timeout + TimeSpan.FromSeconds(30));
        AddParameter(command, "batch", BatchSize);
        var claimed = new List<Claimed>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new Claimed(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetBoolean(6)));
        }

        return claimed;
    }

    private async Task DeliverAsync(Claimed delivery, CancellationToken cancellationToken)
    {
        var started = Time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        int? statusCode = null;
        TimeSpan? retryAfter = null;
        string? error = null;
        if (delivery.WebhookDisabled)
        {
            error = "The webhook is disabled.";
        }
        else
        {
            try
            {
                (statusCode, retryAfter) = await SendAsync(delivery, started, cancellationToken);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error = "Timed out.";
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Connection refused or reset, TLS failure, refused address: the receiver's fault or ours, never a reason to stop.
                error = Truncate(e.Message);
            }
        }

        await RecordAsync(delivery, started, (int)stopwatch.ElapsedMilliseconds, statusCode, retryAfter, error, cancellationToken);
    }

    /// <summary>
    /// Posts the stored bytes exactly as signed; the response body is never read. During a secret rotation the request
    /// carries both signatures (new first, space-separated, as Standard Webhooks specifies), so receivers can switch keys
    /// at any moment of the overlap.
    /// </summary>
    private async Task<(int Status, TimeSpan? RetryAfter)> SendAsync(Claimed delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        var id = delivery.Id.ToString();
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        var signature = WebhookSignature.Sign(secrets.Reveal(delivery.Secret), id, timestamp, body);
        if (delivery.PreviousSecret is not null)
        {
            signature += " " + WebhookSignature.Sign(secrets.Reveal(delivery.PreviousSecret), id, timestamp, body);
        }

        request.Headers.Add("webhook-signature", signature);
        request.Headers.UserAgent.ParseAdd("Commentary-Webhooks/1.0");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        var client = clients.CreateClient(WebhooksEndpoints.HttpClientName);
        client.Timeout = Timeout.InfiniteTimeSpan;
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var status = (int)response.StatusCode;
        return (status, status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable ? WebhookRetries.RetryAfterOf(response, now) : null);
    }

    private async Task RecordAsync(
        Claimed claimed, DateTimeOffset started, int durationMs, int? statusCode, TimeSpan? retryAfter, string? error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommentaryDbContext>();
        if (await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == claimed.Id, cancellationToken) is not { } delivery)
        {
            return; // the webhook was deleted meanwhile
        }

        var now = Time.GetUtcNow();
        bool? final = null; // set when the attempt failed: whether the delivery gave up
        delivery.Attempts++;
        delivery.LastAttemptAt = started;
        delivery.LastStatusCode = statusCode;
        delivery.LastDurationMs = durationMs;
        delivery.LastError = error ?? (statusCode is >= 200 and < 300 ? null : $"The receiver answered {statusCode}.");
        if (statusCode is >= 200 and < 300)
        {
            delivery.Status = DeliveryStatus.Succeeded;
            delivery.CompletedAt = now;
        }
        else if (statusCode == StatusCodes.Status410Gone || claimed.WebhookDisabled || delivery.Attempts >= options.Value.MaxAttempts)
        {
            delivery.Status = DeliveryStatus.Failed;
            delivery.CompletedAt = now;
            final = true;
            Logger.LogWarning("Webhook {WebhookId}: delivery {DeliveryId} failed for good after {Attempts} attempts: {Error}",
                claimed.WebhookId, claimed.Id, delivery.Attempts, delivery.LastError);
            if (statusCode == StatusCodes.Status410Gone)
            {
                // 410 is the receiver saying it is gone for good: stop sending it anything.
                await db.Webhooks.Where(w => w.Id == claimed.WebhookId && w.DisabledAt == null).ExecuteUpdateAsync(
                    s => s.SetProperty(w => w.DisabledAt, now).SetProperty(w => w.DisabledReason, "The receiver answered 410 Gone.").SetProperty(w => w.Version, w => w.Version + 1),
                    cancellationToken);
            }
        }
        else
        {
            delivery.NextAttemptAt = now + WebhookRetries.Delay(delivery.Attempts, retryAfter, options.Value);
            final = false;
            Logger.LogDebug("Webhook {WebhookId}: attempt {Attempts} of delivery {DeliveryId} failed, next at {NextAttemptAt}: {Error}",
                claimed.WebhookId, delivery.Attempts, claimed.Id, delivery.NextAttemptAt, delivery.LastError);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (final is { } gaveUp)
        {
            metrics.RecordFailure(gaveUp);
        }
    }

    private static string Truncate(string message) => message.Length <= 500 ? message : message[..500];

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
