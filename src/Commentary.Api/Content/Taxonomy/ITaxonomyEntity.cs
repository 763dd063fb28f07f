using Commentary.Api.Platform.Languages;

namespace Commentary.Api.Content.Taxonomy;

/// <summary>What sources, authors and topics share: a slug in URLs, a localized name, and a version behind the ETag.</summary>
public interface ITaxonomyEntity
{
    Guid Id { get; }
    string Slug { get; set; }
    LocalizedText Name { get; set; }
    int Version { get; set; }
    DateTimeOffset CreatedAt { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
}
