using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Partners.Sync;

/// <summary>
/// The newest log position that retention has pruned (one row, or none before the first pruning). Everything after it is
/// still in the log, so a cursor at or after it can be followed; a cursor before it may have missed pruned changes.
/// </summary>
public sealed class ChangeLogHorizon
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public long TransactionId { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset PrunedAt { get; set; }
}

internal sealed class ChangeLogHorizonConfiguration : IEntityTypeConfiguration<ChangeLogHorizon>
{
    public void Configure(EntityTypeBuilder<ChangeLogHorizon> horizon)
    {
        horizon.ToTable("content_change_horizon", t => t.HasCheckConstraint("ck_content_change_horizon_singleton", "id = 1"));
        horizon.HasKey(h => h.Id);
        horizon.Property(h => h.Id).ValueGeneratedNever();
    }
}
