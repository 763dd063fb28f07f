using Commentary.Api.Delivery.ReadModel;

namespace Commentary.Api.Delivery.Taxonomy;

public sealed record PublicTopic(string Slug, string Name, string? Description);

/// <summary>A topic page: the topic in the reader's language and one page of its published articles.</summary>
public sealed record PublicTopicPage(string Slug, string Name, string? Description, IReadOnlyList<PublicArticleSummary> Items, string? NextCursor);
