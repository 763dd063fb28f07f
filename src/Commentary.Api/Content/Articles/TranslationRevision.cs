using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Content.Articles;

/// <summary>An immutable copy of a translation as it was saved; restoring one saves it again as a new revision.</summary>
public sealed class TranslationRevision
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TranslationId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public string? Summary { get; set; }
    public required string Body { get; set; }
    public string? Translator { get; set; }
    public int? SourceRevision { get; set; }
    public bool MachineConverted { get; set; }
    public string? ConvertedFrom { get; set; }
    public int? ConvertedFromRevision { get; set; }
    public string? ConvertedWith { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The name of the API key that saved it.</summary>
    public string? CreatedBy { get; set; }
}

internal sealed class TranslationRevisionConfiguration : IEntityTypeConfiguration<TranslationRevision>
{
    public void Configure(EntityTypeBuilder<TranslationRevision> revision)
    {
        revision.ToTable("translation_revisions");
        revision.Property(r => r.Title).HasMaxLength(Translation.TitleMaxLength);
        revision.Property(r => r.Summary).HasMaxLength(Translation.SummaryMaxLength);
        revision.Property(r => r.Body).HasMaxLength(Translation.BodyMaxLength);
        revision.Property(r => r.Translator).HasMaxLength(Translation.TranslatorMaxLength);
        revision.Property(r => r.CreatedBy).HasMaxLength(200);
        revision.Property(r => r.ConvertedFrom).HasMaxLength(8);
        revision.Property(r => r.ConvertedWith).HasMaxLength(16);
        revision.HasIndex(r => new { r.TranslationId, r.Number }).IsUnique();
        revision.HasOne<Translation>().WithMany().HasForeignKey(r => r.TranslationId).OnDelete(DeleteBehavior.Cascade);
    }
}
