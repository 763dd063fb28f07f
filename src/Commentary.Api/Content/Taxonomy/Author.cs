using Commentary.Api.Platform.Languages;

namespace Commentary.Api.Content.Taxonomy;

public sealed class Author : TaxonomyTerm
{
    public const int BioMaxLength = 2_000;

    public LocalizedText Bio { get; set; } = new();
}

internal sealed class AuthorConfiguration()
    : TaxonomyTermConfiguration<Author>("authors", a => a.Bio, "bio", Author.BioMaxLength);
