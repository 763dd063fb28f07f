using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Content.Articles;

/// <summary>A curated link from an article: either to another article or to an external URL with a title.</summary>
public sealed class RelatedLink
{
    public const int UrlMaxLength = 2_000;
    public const int TitleMaxLength = 300;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ArticleId { get; set; }
    public int Position { get; set; }
    public Guid? TargetArticleId { get; set; }
    public string? Url { get; set; }
    public string? Title { get; set; }
}

internal sealed class RelatedLinkConfiguration : IEntityTypeConfiguration<RelatedLink>
{
    public void Configure(EntityTypeBuilder<RelatedLink> link)
    {
        link.Property(r => r.Url).HasMaxLength(RelatedLink.UrlMaxLength);
        link.Property(r => r.Title).HasMaxLength(RelatedLink.TitleMaxLength);
        link.HasOne<Article>().WithMany().HasForeignKey(r => r.TargetArticleId).OnDelete(DeleteBehavior.Restrict);
        link.HasIndex(r => new { r.ArticleId, r.Position });
        link.HasIndex(r => r.TargetArticleId);
        link.ToTable("related_links", t => t.HasCheckConstraint("ck_related_links_target",
            "(target_article_id IS NOT NULL AND url IS NULL) OR (target_article_id IS NULL AND url IS NOT NULL AND title IS NOT NULL)"));
    }
}
