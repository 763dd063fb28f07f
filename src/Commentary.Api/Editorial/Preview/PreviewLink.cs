using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Editorial.Preview;

/// <summary>
/// A link that shows one language of an article's draft without a key, until it expires, is revoked, or the article is
/// deleted (which deletes its links). Only a SHA-256 hash of the token is stored, so a database dump opens no preview.
/// </summary>
public sealed class PreviewLink : INotShownToReaders
{
    public const int CreatedByMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ArticleId { get; set; }
    public required string Language { get; set; }
    public required byte[] TokenHash { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>Tokens look like <c>cmp_&lt;43 base64url characters&gt;</c> (256 random bits); logs mask them by that prefix.</summary>
internal static class PreviewTokens
{
    public const string Prefix = "cmp_";
    private const int MaxLength = 64;

    public static string Generate() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether <paramref name="token"/> can be one this API issued; anything else is not looked up.</summary>
    public static bool IsWellFormed(string token) => token.Length <= MaxLength && token.StartsWith(Prefix, StringComparison.Ordinal);
}

internal sealed class PreviewLinkConfiguration : IEntityTypeConfiguration<PreviewLink>
{
    public void Configure(EntityTypeBuilder<PreviewLink> link)
    {
        link.ToTable("preview_links");
        link.Property(l => l.Language).HasMaxLength(16);
        link.Property(l => l.TokenHash).HasMaxLength(32);
        link.Property(l => l.CreatedBy).HasMaxLength(PreviewLink.CreatedByMaxLength);
        // The hash of a random 256-bit token can be looked up directly: matching it reveals nothing that helps forge one.
        link.HasIndex(l => l.TokenHash).IsUnique();
        link.HasIndex(l => new { l.ArticleId, l.Id });
        link.HasOne<Article>().WithMany().HasForeignKey(l => l.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class PreviewLinkSets
{
    extension(CommentaryDbContext db)
    {
        public DbSet<PreviewLink> PreviewLinks => db.Set<PreviewLink>();
    }
}
