using Commentary.Api.Delivery.ReadModel;

namespace Commentary.Api.Delivery.Taxonomy;

/// <summary>An author page: the author in the reader's language and one page of their published articles.</summary>
public sealed record PublicAuthorPage(string Slug, string Name, string? Bio, IReadOnlyList<PublicArticleSummary> Items, string? NextCursor);
