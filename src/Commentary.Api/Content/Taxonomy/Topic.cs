using Commentary.Api.Platform.Languages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Content.Taxonomy;

public sealed class Topic : ITaxonomyEntity
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public LocalizedText Name { get; set; } = new();
    public LocalizedText Description { get; set; } = new();
    public int Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> topic)
    {
        topic.ToTable("topics");
        topic.Property(t => t.Slug).HasMaxLength(120);
        topic.Property(t => t.Version).IsConcurrencyToken();
        topic.HasLocalizedText(t => t.Name, "name", Topic.NameMaxLength);
        topic.HasLocalizedText(t => t.Description, "description", Topic.DescriptionMaxLength);
        topic.HasIndex(t => t.Slug).IsUnique();
    }
}
