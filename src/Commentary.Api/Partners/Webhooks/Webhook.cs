using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Partners.Webhooks;

/// <summary>
/// An endpoint that receives signed events. The secret is kept because every delivery is signed with it, encrypted
/// (<see cref="WebhookSecrets"/>): <see cref="Secret"/> and <see cref="PreviousSecret"/> hold Data Protection payloads.
/// </summary>
public sealed class Webhook : INotShownToReaders
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Url { get; set; }
    public string[] Events { get; set; } = [];
    public required string Secret { get; set; }

    /// <summary>The secret before the last rotation; deliveries are signed with both until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }
    public int Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }
}

public static class WebhookEvents
{
    public const string Published = "published";
    public const string Updated = "updated";
    public const string Unpublished = "unpublished";
    public const string Deleted = "deleted";
    public static readonly IReadOnlyList<string> All = [Published, Updated, Unpublished, Deleted];
}

/// <summary>
/// The transactional outbox and the delivery log in one: a row is written in the same transaction as the change
/// and updated by the dispatcher on every attempt. <see cref="Id"/> is the <c>webhook-id</c> receivers dedupe by.
/// </summary>
public sealed class WebhookDelivery : INotShownToReaders
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WebhookId { get; set; }
    public required string Event { get; set; }
    public Guid ArticleId { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public int? LastDurationMs { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> webhook)
    {
        webhook.ToTable("webhooks");
        webhook.Property(w => w.Url).HasMaxLength(2_000);
        webhook.Property(w => w.Events).HasColumnType("text[]");
        webhook.Property(w => w.Secret).HasMaxLength(1_000);
        webhook.Property(w => w.PreviousSecret).HasMaxLength(1_000);
        webhook.Property(w => w.DisabledReason).HasMaxLength(500);
        webhook.Property(w => w.Version).IsConcurrencyToken();
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("webhook_deliveries");
        delivery.Property(d => d.Event).HasMaxLength(32);
        delivery.Property(d => d.Status).HasMaxLength(16);
        delivery.Property(d => d.Payload).HasColumnType("jsonb");
        delivery.Property(d => d.LastError).HasMaxLength(500);
        delivery.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'pending'");
        delivery.HasIndex(d => new { d.WebhookId, d.CreatedAt });
    }
}

public static class WebhookSets
{
    extension(CommentaryDbContext db)
    {
        public DbSet<Webhook> Webhooks => db.Set<Webhook>();
        public DbSet<WebhookDelivery> WebhookDeliveries => db.Set<WebhookDelivery>();
    }
}
