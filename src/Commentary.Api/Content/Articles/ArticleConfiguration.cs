using Commentary.Api.Content.Taxonomy;
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
        article.Property(a => a.PublishedOriginalLanguage).HasMaxLength(8);
        article.Property(a => a.DraftParts).IsJson();
        article.Property(a => a.ScheduledContent).IsJson();
        article.Property(a => a.ScheduleLastError).HasMaxLength(Article.ScheduleErrorMaxLength);
        article.Property(a => a.DraftSlug).HasMaxLength(Article.SlugMaxLength)
            .HasComputedColumnSql("draft_parts ->> 'slug'", stored: true);
        article.Property(a => a.ScheduledSlug).HasMaxLength(Article.SlugMaxLength)
            .HasComputedColumnSql("scheduled_content -> 'parts' ->> 'slug'", stored: true);
        article.Property(a => a.Version).IsConcurrencyToken();
        article.Property(a => a.ScheduledLanguages).HasColumnType("text[]");
        article.Ignore(a => a.Original);
        article.Ignore(a => a.Draft);

        // Slugs of deleted articles may be reused.
        article.HasIndex(a => a.Slug).IsUnique().HasFilter("deleted_at IS NULL");
        article.HasIndex(a => a.DraftSlug).IsUnique().HasFilter("deleted_at IS NULL AND draft_slug IS NOT NULL");
        article.HasIndex(a => a.ScheduledSlug).IsUnique().HasFilter("deleted_at IS NULL AND scheduled_slug IS NOT NULL");
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

internal sealed class ArticleAuthorConfiguration()
    : ArticleLinkConfiguration<ArticleAuthor, Author>("article_authors", "author_id", "fk_article_authors_authors_author_id");

internal sealed class ArticleTopicConfiguration()
    : ArticleLinkConfiguration<ArticleTopic, Topic>("article_topics", "topic_id", "fk_article_topics_topics_topic_id");

/// <summary>
/// An <see cref="ArticleLink{TTerm}"/> table: keyed by article and term, and a term in use cannot be deleted. The term's
/// id is stored under the term's own name (<c>author_id</c>, <c>topic_id</c>).
/// </summary>
internal abstract class ArticleLinkConfiguration<TLink, TTerm>(string table, string termIdColumn, string termForeignKey)
    : IEntityTypeConfiguration<TLink>
    where TLink : ArticleLink<TTerm>
    where TTerm : TaxonomyTerm
{
    public void Configure(EntityTypeBuilder<TLink> link)
    {
        link.ToTable(table);
        link.Property(l => l.TermId).HasColumnName(termIdColumn);
        link.HasKey(l => new { l.ArticleId, l.TermId });
        link.HasOne(l => l.Term).WithMany().HasForeignKey(l => l.TermId).OnDelete(DeleteBehavior.Restrict).HasConstraintName(termForeignKey);
        link.HasIndex(l => l.TermId).HasDatabaseName($"ix_{table}_{termIdColumn}");
    }
}
