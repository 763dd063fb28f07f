using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Content.Articles;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.ToTable("articles");
        article.Property(a => a.Slug).HasMaxLength(Article.SlugMaxLength);
        article.Property(a => a.OriginalLanguage).HasMaxLength(8);
        article.Property(a => a.Version).IsConcurrencyToken();
        article.Property(a => a.ScheduledLanguages).HasColumnType("text[]");
        article.Ignore(a => a.Original);

        // Slugs of deleted articles may be reused.
        article.HasIndex(a => a.Slug).IsUnique().HasFilter("deleted_at IS NULL");
        article.HasIndex(a => new { a.FirstPublishedAt, a.Id }).IsDescending(true, true).HasFilter("deleted_at IS NULL");
        article.HasIndex(a => a.ScheduledAt).HasFilter("scheduled_at IS NOT NULL");
        article.HasIndex(a => new { a.UpdatedAt, a.Id }).IsDescending(true, true);

        article.HasMany(a => a.Translations).WithOne().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
        article.HasMany(a => a.Authors).WithOne().HasForeignKey(a => a.ArticleId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_article_authors_articles_article_id");
        article.HasMany(a => a.Topics).WithOne().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
        article.HasMany(a => a.Quotes).WithOne().HasForeignKey(q => q.ArticleId).OnDelete(DeleteBehavior.Cascade);
        article.HasMany(a => a.RelatedLinks).WithOne().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArticleAuthorConfiguration : IEntityTypeConfiguration<ArticleAuthor>
{
    public void Configure(EntityTypeBuilder<ArticleAuthor> link)
    {
        link.ToTable("article_authors");
        link.HasKey(a => new { a.ArticleId, a.AuthorId });
        link.HasOne(a => a.Author).WithMany().HasForeignKey(a => a.AuthorId).OnDelete(DeleteBehavior.Restrict)
            .HasConstraintName("fk_article_authors_authors_author_id");
        link.HasIndex(a => a.AuthorId);
    }
}

internal sealed class ArticleTopicConfiguration : IEntityTypeConfiguration<ArticleTopic>
{
    public void Configure(EntityTypeBuilder<ArticleTopic> link)
    {
        link.ToTable("article_topics");
        link.HasKey(t => new { t.ArticleId, t.TopicId });
        link.HasOne(t => t.Topic).WithMany().HasForeignKey(t => t.TopicId).OnDelete(DeleteBehavior.Restrict)
            .HasConstraintName("fk_article_topics_topics_topic_id");
        link.HasIndex(t => t.TopicId);
    }
}
