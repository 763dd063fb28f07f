namespace Commentary.Api.Partners.Webhooks;

/// <summary><c>Commentary:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>Allows loopback, private, link-local and metadata targets; for tests and local experiments only.</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Whether this instance sends deliveries; any number of instances may, they never claim the same row.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The first retry waits this long, each further one twice as long (with jitter), up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Also caps a receiver's <c>Retry-After</c> (429/503), which is otherwise honoured when longer than the backoff.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(12);

    /// <summary>After a secret rotation, deliveries are signed with the new and the old secret for this long.</summary>
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>After this many attempts a delivery is marked failed (about a day with the defaults).</summary>
    public int MaxAttempts { get; set; } = 15;
}
