using Commentary.Api.Delivery.ReadModel;

namespace Commentary.Api.Delivery.Taxonomy;

public sealed record PublicSource(string Slug, string Kind, string Name, string? Role);

/// <summary>The article a quote appears in, titled in the reader's language.</summary>
public sealed record PublicQuotedIn(string Slug, string Title, string Language, string Url, DateTimeOffset PublishedAt);

/// <summary>One quote on a source page: the words, who said them, the outlet that reported them, and the article.</summary>
public sealed record PublicSourceQuote(string Text, string Language, PublicSourceRef Source, PublicNamedRef? Outlet, PublicQuotedIn Article);

/// <summary>A source page: the source and one page of its quotes across published articles ("who said what").</summary>
public sealed record PublicSourcePage(string Slug, string Kind, string Name, string? Role, IReadOnlyList<PublicSourceQuote> Items, string? NextCursor);
