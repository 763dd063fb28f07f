using Commentary.Api.Platform.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Content.Journal;

/// <summary>
/// One row per change of public content, written in the writer's transaction. <see cref="TransactionId"/> is the
/// writer's transaction id: the sync reader only reads rows below the oldest running transaction and orders by
/// (transaction id, sequence), so a row that commits late can never be skipped.
/// </summary>
public sealed class ContentChange : IPublicContentChange
{
    public long Sequence { get; set; }
    public long TransactionId { get; set; }
    public Guid ArticleId { get; set; }
    public required string Language { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class ContentChangeConfiguration : IEntityTypeConfiguration<ContentChange>
{
    public void Configure(EntityTypeBuilder<ContentChange> change)
    {
        change.ToTable("content_changes");
        change.HasKey(c => c.Sequence);
        change.Property(c => c.Sequence).UseIdentityAlwaysColumn();
        // xid8 fits in bigint for the lifetime of any real cluster (2^63 transactions); bigint keeps the mapping plain.
        change.Property(c => c.TransactionId).HasDefaultValueSql("(pg_current_xact_id()::text)::bigint").ValueGeneratedOnAdd();
        change.Property(c => c.Language).HasMaxLength(8);
        change.HasIndex(c => new { c.TransactionId, c.Sequence });
        change.HasIndex(c => c.ChangedAt);
    }
}
