using Commentary.Api.Platform.Languages;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Content.Taxonomy;

/// <summary>A person, organization or outlet that articles quote.</summary>
public sealed class Source : TaxonomyTerm
{
    public const int KindMaxLength = 16;
    public const int RoleMaxLength = 300;

    public required string Kind { get; set; }
    public LocalizedText Role { get; set; } = new();
}

public static class SourceKind
{
    public const string Person = "person";
    public const string Organization = "organization";
    public const string Outlet = "outlet";
    public static readonly IReadOnlyList<string> All = [Person, Organization, Outlet];
}

internal sealed class SourceConfiguration()
    : TaxonomyTermConfiguration<Source>("sources", s => s.Role, "role", Source.RoleMaxLength)
{
    protected override void ConfigureMore(EntityTypeBuilder<Source> source) => source.Property(s => s.Kind).HasMaxLength(Source.KindMaxLength);
}
