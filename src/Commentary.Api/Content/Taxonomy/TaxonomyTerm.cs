using System.Linq.Expressions;
using Commentary.Api.Platform.Languages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Content.Taxonomy;

/// <summary>
/// What sources, authors and topics share: a slug in URLs, a localized name, and a version behind the ETag. Not an
/// entity type itself: each term has its own table.
/// </summary>
public abstract class TaxonomyTerm
{
    public const int SlugMaxLength = 120;
    public const int NameMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public LocalizedText Name { get; set; } = new();
    public int Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The columns every term's table has, and the one localized text each term adds to its name (an author's bio, a
/// topic's description, a source's role), given as data; a term with more columns maps them in <see cref="ConfigureMore"/>.
/// </summary>
internal abstract class TaxonomyTermConfiguration<TTerm>(string table, Expression<Func<TTerm, LocalizedText?>> text, string textColumns, int textMaxLength)
    : IEntityTypeConfiguration<TTerm>
    where TTerm : TaxonomyTerm
{
    public void Configure(EntityTypeBuilder<TTerm> term)
    {
        term.ToTable(table);
        term.Property(t => t.Slug).HasMaxLength(TaxonomyTerm.SlugMaxLength);
        term.Property(t => t.Version).IsConcurrencyToken();
        term.HasLocalizedText(t => t.Name, "name", TaxonomyTerm.NameMaxLength);
        term.HasLocalizedText(text, textColumns, textMaxLength);
        term.HasIndex(t => t.Slug).IsUnique();
        // Every public page's Last-Modified reads the newest change of each term table (PublicArticleList.CatalogChangedAtSql).
        term.HasIndex(t => t.UpdatedAt).IsDescending();
        ConfigureMore(term);
    }

    protected virtual void ConfigureMore(EntityTypeBuilder<TTerm> term)
    {
    }
}
