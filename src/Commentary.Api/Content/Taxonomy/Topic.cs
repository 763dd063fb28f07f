using Commentary.Api.Platform.Languages;

namespace Commentary.Api.Content.Taxonomy;

public sealed class Topic : TaxonomyTerm
{
    public const int DescriptionMaxLength = 2_000;

    public LocalizedText Description { get; set; } = new();
}

internal sealed class TopicConfiguration()
    : TaxonomyTermConfiguration<Topic>("topics", t => t.Description, "description", Topic.DescriptionMaxLength);
