using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Delivery.PrebuiltPages;

/// <summary>
/// The finished public response of one article for one requested language: the exact JSON bytes GET
/// /api/articles/{slug} sends, with its validators. Built in the background from published snapshots only, so it can
/// hold nothing a live read could not. A rendition is served only while neither its article nor anything it shows from
/// another article (<see cref="DependsOn"/>) waits in the <see cref="PageRenderQueueEntry">queue</see>; otherwise the
/// live read answers.
/// </summary>
public sealed class PrebuiltPage
{
    public Guid ArticleId { get; set; }

    /// <summary>The language asked for (each article has one rendition per supported language).</summary>
    public required string RequestedLanguage { get; set; }

    public required string Slug { get; set; }
    public required string OriginalLanguage { get; set; }
    public required string ServedLanguage { get; set; }
    public required byte[] Body { get; set; }
    public required string ETag { get; set; }
    /// <summary>The article's own last public change; served as the later of this and the catalogue's newest change.</summary>
    public DateTimeOffset LastModified { get; set; }

    /// <summary>This article and every article it links to or suggests: a change to any of them makes the rendition stale.</summary>
    public required Guid[] DependsOn { get; set; }

    /// <summary>
    /// The <see cref="PageFormat"/> it was built with; a rendition of another format (configuration or code changed)
    /// is never served.
    /// </summary>
    public required string Format { get; set; }

    public DateTimeOffset BuiltAt { get; set; }
}

/// <summary>
/// An article whose renditions must be (re)built. A trigger on <c>content_changes</c> enqueues every article whose public
/// content changed, in the writer's transaction, so a change and the withdrawal of its stale renditions commit together.
/// </summary>
public sealed class PageRenderQueueEntry
{
    public Guid ArticleId { get; set; }

    /// <summary>Bumped by every new change: the worker dequeues only the generation it rendered.</summary>
    public long Generation { get; set; }

    /// <summary>The article's own content changed, so renditions of other articles showing it must be rebuilt too.</summary>
    public bool Cascade { get; set; }

    public DateTimeOffset EnqueuedAt { get; set; }
}

internal sealed class PrebuiltPageConfiguration : IEntityTypeConfiguration<PrebuiltPage>
{
    public void Configure(EntityTypeBuilder<PrebuiltPage> rendition)
    {
        rendition.ToTable("article_renditions");
        rendition.HasKey(r => new { r.ArticleId, r.RequestedLanguage });
        rendition.Property(r => r.RequestedLanguage).HasMaxLength(8);
        rendition.Property(r => r.OriginalLanguage).HasMaxLength(8);
        rendition.Property(r => r.ServedLanguage).HasMaxLength(8);
        rendition.Property(r => r.Format).HasMaxLength(32);
        rendition.HasIndex(r => r.Slug);
        rendition.HasIndex(r => r.DependsOn).HasMethod("GIN");
    }
}

internal sealed class PageRenderQueueEntryConfiguration : IEntityTypeConfiguration<PageRenderQueueEntry>
{
    public void Configure(EntityTypeBuilder<PageRenderQueueEntry> entry)
    {
        entry.ToTable("rendition_queue");
        entry.HasKey(q => q.ArticleId);
        entry.HasIndex(q => q.EnqueuedAt);
    }
}

public static class PrebuiltPageSets
{
    extension(CommentaryDbContext db)
    {
        public DbSet<PrebuiltPage> PrebuiltPages => db.Set<PrebuiltPage>();
        public DbSet<PageRenderQueueEntry> PageRenderQueue => db.Set<PageRenderQueueEntry>();
    }
}
