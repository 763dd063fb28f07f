using Commentary.Api.Platform.Languages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Content.Conversion;

/// <summary>
/// A publication-wide term that 简体 ⇄ 繁體 conversion must not leave to the dictionaries: a person's or place's name, or
/// house style (台灣 rather than 臺灣). It applies to conversions out of <see cref="SourceLanguage"/>, in every
/// configuration of that direction or, when <see cref="Config"/> names one, in that one only (a specific entry wins over
/// a general one for the same term). <see cref="Replacement"/> null keeps the term as written.
/// </summary>
public sealed class GlossaryTerm
{
    public const int TermMaxLength = Commentary.Text.ConversionGlossary.MaxTermLength;
    public const int NoteMaxLength = 500;

    /// <summary>Stored in <see cref="Config"/> for "every configuration of the direction", so the unique index covers it.</summary>
    public const string EveryConfig = "";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string SourceLanguage { get; set; }
    public required string Term { get; set; }
    public string Config { get; set; } = EveryConfig;
    public string? Replacement { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string TargetLanguage => SourceLanguage == Language.Simplified ? Language.Traditional : Language.Simplified;
}

internal sealed class GlossaryTermConfiguration : IEntityTypeConfiguration<GlossaryTerm>
{
    public void Configure(EntityTypeBuilder<GlossaryTerm> term)
    {
        term.ToTable("glossary_terms");
        term.Property(t => t.SourceLanguage).HasMaxLength(8);
        term.Property(t => t.Term).HasMaxLength(GlossaryTerm.TermMaxLength);
        term.Property(t => t.Config).HasMaxLength(16);
        term.Property(t => t.Replacement).HasMaxLength(GlossaryTerm.TermMaxLength * 2);
        term.Property(t => t.Note).HasMaxLength(GlossaryTerm.NoteMaxLength);
        term.Property(t => t.Version).IsConcurrencyToken();
        term.Ignore(t => t.TargetLanguage);
        term.HasIndex(t => new { t.SourceLanguage, t.Term, t.Config }).IsUnique();
        term.HasIndex(t => new { t.CreatedAt, t.Id });
    }
}
