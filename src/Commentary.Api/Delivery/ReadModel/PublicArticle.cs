namespace Commentary.Api.Delivery.ReadModel;

/// <summary>
/// The one public shape of an article. <c>Converted</c>: not published in <c>Language</c>, but converted into it from
/// the other Chinese script's published text (then <c>IsFallback</c> is true too). Every public read path (detail, lists, related, search, feeds, sync,
/// webhooks) builds articles through <see cref="PublicArticleReader"/>, which only ever reads published snapshots.
/// </summary>
public sealed record PublicArticle(
    string Id,
    string Slug,
    string Language,
    string RequestedLanguage,
    bool IsFallback,
    string OriginalLanguage,
    string Title,
    string? Summary,
    string BodyHtml,
    DateTimeOffset PublishedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<PublicNamedRef> Authors,
    IReadOnlyList<PublicNamedRef> Topics,
    IReadOnlyList<PublicQuote> Quotes,
    IReadOnlyList<PublicRelatedLink> Related,
    IReadOnlyList<PublicAlternate> Alternates,
    bool Converted = false);

public sealed record PublicNamedRef(string Slug, string Name);

public sealed record PublicSourceRef(string Slug, string Name, string? Role);

public sealed record PublicQuote(PublicSourceRef Source, PublicNamedRef? Outlet, string Text);

/// <param name="Kind"><c>article</c> or <c>external</c>.</param>
/// <param name="Suggested">True for an automatic suggestion, false for a link an editor curated.</param>
public sealed record PublicRelatedLink(string Kind, string? Slug, string Url, string Title, string? Language, bool Suggested = false);

/// <summary>
/// The list shape of a published article (lists, topic, author and search pages): the same served-language choice and
/// fallback as <see cref="PublicArticle"/>, without the body, quotes and links.
/// </summary>
public sealed record PublicArticleSummary(
    string Id,
    string Slug,
    string Language,
    string RequestedLanguage,
    bool IsFallback,
    string OriginalLanguage,
    string Title,
    string? Summary,
    DateTimeOffset PublishedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<PublicNamedRef> Authors,
    IReadOnlyList<PublicNamedRef> Topics,
    IReadOnlyList<string> Languages,
    string Url,
    bool Converted = false);

/// <param name="Converted">Not published in this language: served as the conversion of the other Chinese script.</param>
public sealed record PublicAlternate(string Language, string Label, string Title, string Url, bool Converted = false);
