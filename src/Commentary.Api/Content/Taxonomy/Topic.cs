using Commentary.Api.Platform.Languages;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Content.Taxonomy;

public sealed class Topic : TaxonomyTerm
{
    public const int DescriptionMaxLength = 2_000;

    public LocalizedText Description { get; set; } = new();
}

internal sealed class TopicConfiguration() : TaxonomyTermConfiguration<Topic>("topics")
{
    protected override void ConfigureOwnColumns(EntityTypeBuilder<Topic> topic) =>
        topic.HasLocalizedText(t => t.Description, "description", Topic.DescriptionMaxLength);
}
