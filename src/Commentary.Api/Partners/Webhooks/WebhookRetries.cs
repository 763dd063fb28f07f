namespace Commentary.Api.Partners.Webhooks;

/// <summary>When the dispatcher tries a failed delivery again.</summary>
internal static class WebhookRetries
{
    /// <summary>
    /// Our backoff, or the receiver's Retry-After when that is longer: never sooner than it asked, never faster than our
    /// own schedule, and never longer than <see cref="WebhookOptions.MaxRetryDelay"/> (a receiver cannot park a delivery for days).
    /// </summary>
    public static TimeSpan Delay(int attempts, TimeSpan? retryAfter, WebhookOptions options)
    {
        var backoff = Backoff(attempts, options);
        if (retryAfter is not { } asked || asked <= backoff)
        {
            return backoff;
        }

        return asked < options.MaxRetryDelay ? asked : options.MaxRetryDelay;
    }

    private static TimeSpan Backoff(int attempts, WebhookOptions options)
    {
        var exponential = options.RetryBaseDelay * Math.Pow(2, Math.Min(attempts - 1, 30));
        var capped = exponential < options.MaxRetryDelay ? exponential : options.MaxRetryDelay;
        // ±20 % jitter so that receivers coming back up are not hit by every retry at once.
        return capped * (0.8 + 0.4 * Random.Shared.NextDouble());
    }

    /// <summary>Retry-After as seconds or an HTTP date; a date in the past means "now".</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
