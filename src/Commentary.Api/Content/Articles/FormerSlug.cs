using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Content.Articles;

/// <summary>
/// A slug readers once reached a public article by. While the article is public it answers 301 to the current slug,
/// so shared links keep working; no other article may take it until the article is deleted, which releases it.
/// </summary>
public sealed class FormerSlug
{
    public required string Slug { get; set; }
    public Guid ArticleId { get; set; }
    public DateTimeOffset RetiredAt { get; set; }
}

internal sealed class FormerSlugConfiguration : IEntityTypeConfiguration<FormerSlug>
{
    public void Configure(EntityTypeBuilder<FormerSlug> former)
    {
        former.ToTable("former_slugs");
        former.HasKey(f => f.Slug);
        former.Property(f => f.Slug).HasMaxLength(Slugs.MaxLength);
        former.HasOne<Article>().WithMany().HasForeignKey(f => f.ArticleId).OnDelete(DeleteBehavior.Cascade);
        former.HasIndex(f => f.ArticleId);
    }
}
