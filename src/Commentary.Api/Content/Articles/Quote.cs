using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Languages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Content.Articles;

/// <summary>Words in an article attributed to a source, optionally as reported by an outlet.</summary>
public sealed class Quote
{
    public const int TextMaxLength = 5_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ArticleId { get; set; }
    public int Position { get; set; }
    public Guid SourceId { get; set; }
    public Source Source { get; set; } = null!;
    public Guid? OutletId { get; set; }
    public Source? Outlet { get; set; }
    public LocalizedText Text { get; set; } = new();
}

internal sealed class QuoteConfiguration : IEntityTypeConfiguration<Quote>
{
    public void Configure(EntityTypeBuilder<Quote> quote)
    {
        quote.ToTable("quotes");
        quote.HasLocalizedText(q => q.Text, "text", Quote.TextMaxLength);
        quote.HasOne(q => q.Source).WithMany().HasForeignKey(q => q.SourceId).OnDelete(DeleteBehavior.Restrict)
            .HasConstraintName("fk_quotes_sources_source_id");
        quote.HasOne(q => q.Outlet).WithMany().HasForeignKey(q => q.OutletId).OnDelete(DeleteBehavior.Restrict)
            .HasConstraintName("fk_quotes_sources_outlet_id");
        quote.HasIndex(q => new { q.ArticleId, q.Position });
        quote.HasIndex(q => q.SourceId);
        quote.HasIndex(q => q.OutletId);
    }
}
