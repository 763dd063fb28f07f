using Commentary.Api.Platform.Languages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Content.Taxonomy;

/// <summary>A person, organization or outlet that articles quote.</summary>
public sealed class Source : ITaxonomyEntity
{
    public const int NameMaxLength = 200;
    public const int RoleMaxLength = 300;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public required string Kind { get; set; }
    public LocalizedText Name { get; set; } = new();
    public LocalizedText Role { get; set; } = new();
    public int Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class SourceKind
{
    public const string Person = "person";
    public const string Organization = "organization";
    public const string Outlet = "outlet";
    public static readonly IReadOnlyList<string> All = [Person, Organization, Outlet];
}

internal sealed class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> source)
    {
        source.ToTable("sources");
        source.Property(s => s.Slug).HasMaxLength(120);
        source.Property(s => s.Kind).HasMaxLength(16);
        source.Property(s => s.Version).IsConcurrencyToken();
        source.HasLocalizedText(s => s.Name, "name", Source.NameMaxLength);
        source.HasLocalizedText(s => s.Role, "role", Source.RoleMaxLength);
        source.HasIndex(s => s.Slug).IsUnique();
    }
}
