using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Paging;

namespace Commentary.Api.Delivery.Taxonomy;

/// <summary>An author page: the author in the reader's language and one page of their published articles.</summary>
public sealed record PublicAuthorPage(string Slug, string Name, string? Bio, IReadOnlyList<PublicArticleSummary> Items, string? NextCursor);

/// <summary>Authors have no public list, only their pages.</summary>
public sealed class PublicAuthorTaxonomy : IArticleFilingTermPage<PublicAuthorTaxonomy, Author, PublicAuthorPage>
{
    public static string Singular => "Author";

    public static string Plural => "Authors";

    public static string PageSummary => "An author and their published articles, newest first (paged)";

    public static PublicArticleFilter FilterFor(Author author) => new(null, author.Slug, null, null, null);

    public static PublicAuthorPage ToPage(Author author, IReadOnlyList<string> names, Page<PublicArticleSummary> articles) =>
        new(author.Slug, PublicArticleReader.LocalizeName(author.Name, names, author.Slug), author.Bio.Resolve(names)?.Text, articles.Items, articles.NextCursor);
}
