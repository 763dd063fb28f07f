using Commentary.Api.Platform.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Content.Articles;

/// <summary>
/// What readers were shown after one publish of an article, numbered per article from 1 and never changed afterwards:
/// the text of every language then published and the shared parts. A redaction (a legal takedown) removes the content
/// and keeps the record: who published, when, what went in, and who redacted it and why. Readers are served from the
/// published tables a publish writes in the same unit of work, so an edition row itself never needs a cache eviction.
/// </summary>
public sealed class ArticleEdition : INotShownToReaders
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ArticleId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>The name of the API key that published it (for a scheduled publication, the one that scheduled it).</summary>
    public required string PublishedBy { get; set; }

    /// <summary>The languages this publish named; the others kept the text of the previous edition.</summary>
    public string[] Languages { get; set; } = [];

    /// <summary>The draft revision of the shared parts that went in (<see cref="Article.PartsRevision"/>).</summary>
    public int PartsRevision { get; set; }

    /// <summary>Per published language, the translation revision readers were shown.</summary>
    public Dictionary<string, int> Revisions { get; set; } = [];

    /// <summary>Null once redacted.</summary>
    public ArticleParts? Parts { get; set; }

    /// <summary>Per published language, its text; null once redacted.</summary>
    public Dictionary<string, EditionText>? Texts { get; set; }

    public DateTimeOffset? RedactedAt { get; set; }
    public string? RedactedBy { get; set; }
    public string? RedactionReason { get; set; }

    public bool IsRedacted => RedactedAt is not null;
}

/// <summary>One language of an edition: the Markdown readers were shown and the sanitized HTML rendered from it (null in
/// editions migrated from rows published before the HTML was stored).</summary>
public sealed record EditionText(string Title, string? Summary, string Body, string? BodyHtml);

internal sealed class ArticleEditionConfiguration : IEntityTypeConfiguration<ArticleEdition>
{
    public const int ReasonMaxLength = 1_000;

    public void Configure(EntityTypeBuilder<ArticleEdition> edition)
    {
        edition.ToTable("article_editions");
        edition.Property(e => e.PublishedBy).HasMaxLength(200);
        edition.Property(e => e.RedactedBy).HasMaxLength(200);
        edition.Property(e => e.RedactionReason).HasMaxLength(ReasonMaxLength);
        edition.Property(e => e.Languages).HasColumnType("text[]");
        edition.Property(e => e.Revisions).IsJson();
        edition.Property(e => e.Parts).IsJson();
        edition.Property(e => e.Texts).IsJson();
        edition.HasIndex(e => new { e.ArticleId, e.Number }).IsUnique();
        edition.HasOne<Article>().WithMany().HasForeignKey(e => e.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
