using Commentary.Api.Platform.Languages;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Content.Taxonomy;

public sealed class Author : TaxonomyTerm
{
    public const int BioMaxLength = 2_000;

    public LocalizedText Bio { get; set; } = new();
}

internal sealed class AuthorConfiguration() : TaxonomyTermConfiguration<Author>("authors")
{
    protected override void ConfigureOwnColumns(EntityTypeBuilder<Author> author) =>
        author.HasLocalizedText(a => a.Bio, "bio", Author.BioMaxLength);
}
