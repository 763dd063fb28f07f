using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Partners.Sitemap;

/// <summary>
/// One file of the sitemap as last built (number 0 is /sitemap.xml), with what it was built from: the format and the
/// snapshot of the database it read. It is served while no change of public content committed outside that snapshot
/// (<see cref="SitemapStore"/>); the rows of one build are written together and replaced together.
/// </summary>
public sealed class StoredSitemapFile
{
    public int Number { get; set; }

    /// <summary>Files of the build besides the root: the pages /sitemaps/1.xml … /sitemaps/{Pages}.xml.</summary>
    public int Pages { get; set; }

    public required byte[] Body { get; set; }
    public required string ETag { get; set; }
    public DateTimeOffset? LastModified { get; set; }

    /// <summary>The <see cref="SitemapStore"/> format key (code version, page size, URL patterns) it was built with.</summary>
    public required string Format { get; set; }

    /// <summary><c>pg_current_snapshot()</c> taken before the read: the transactions whose changes the build shows.</summary>
    public required string Snapshot { get; set; }

    /// <summary>The snapshot's xmin: every change row below it is older than the build, so the check reads only rows above.</summary>
    public long SnapshotXmin { get; set; }

    public DateTimeOffset BuiltAt { get; set; }
}

internal sealed class StoredSitemapFileConfiguration : IEntityTypeConfiguration<StoredSitemapFile>
{
    public void Configure(EntityTypeBuilder<StoredSitemapFile> file)
    {
        file.ToTable("sitemap_files");
        file.HasKey(f => f.Number);
        file.Property(f => f.Number).ValueGeneratedNever();
        file.Property(f => f.Format).HasMaxLength(32);
    }
}

public static class SitemapSets
{
    extension(CommentaryDbContext db)
    {
        public DbSet<StoredSitemapFile> SitemapFiles => db.Set<StoredSitemapFile>();
    }
}
