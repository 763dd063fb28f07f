using Commentary.Api.Platform.Languages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Content.Taxonomy;

public sealed class Author : ITaxonomyEntity
{
    public const int NameMaxLength = 200;
    public const int BioMaxLength = 2_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public LocalizedText Name { get; set; } = new();
    public LocalizedText Bio { get; set; } = new();
    public int Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> author)
    {
        author.ToTable("authors");
        author.Property(a => a.Slug).HasMaxLength(120);
        author.Property(a => a.Version).IsConcurrencyToken();
        author.HasLocalizedText(a => a.Name, "name", Author.NameMaxLength);
        author.HasLocalizedText(a => a.Bio, "bio", Author.BioMaxLength);
        author.HasIndex(a => a.Slug).IsUnique();
    }
}
