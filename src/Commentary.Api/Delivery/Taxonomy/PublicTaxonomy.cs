using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Query;

namespace Commentary.Api.Delivery.Taxonomy;

/// <summary>How one public taxonomy (authors, topics, sources) is named in routes, tags, operation ids and messages.</summary>
public interface IPublicTaxonomy
{
    /// <summary>For example "Source": operation id <c>GetSource</c>; lower-cased, the noun in messages.</summary>
    static abstract string Singular { get; }

    /// <summary>For example "Sources": the tag and <c>ListSources</c>; lower-cased, the route <c>/api/sources</c> and the list's cursor kind.</summary>
    static abstract string Plural { get; }
}

/// <summary>
/// A term's own page, <c>/api/{plural}/{slug}</c>: the term in the reader's language and one page of what is filed
/// under it (articles, or a source's quotes).
/// </summary>
public interface IPublicTermPage<TTerm, TPage> : IPublicTaxonomy
    where TTerm : TaxonomyTerm
{
    static abstract string PageSummary { get; }

    static virtual string? PageDescription => null;

    /// <summary>The position after which the page starts; an invalid cursor is an error on <paramref name="query"/>.</summary>
    static abstract KeysetPosition? ReadCursor(PublicQuery query, CursorCodec cursors);

    static abstract Task<TPage> ReadPageAsync(TTerm term, KeysetPosition? after, int limit, string? language, PublicRequest request);
}

/// <summary>
/// A term page that lists the public articles filed under the term, newest first (authors, topics): the page is the
/// term's own fields around one page of article summaries.
/// </summary>
public interface IArticleFilingTermPage<TSelf, TTerm, TPage> : IPublicTermPage<TTerm, TPage>
    where TSelf : IArticleFilingTermPage<TSelf, TTerm, TPage>
    where TTerm : TaxonomyTerm
{
    static abstract PublicArticleFilter FilterFor(TTerm term);

    static abstract TPage ToPage(TTerm term, IReadOnlyList<string> names, Page<PublicArticleSummary> articles);

    static KeysetPosition? IPublicTermPage<TTerm, TPage>.ReadCursor(
        PublicQuery query, CursorCodec cursors) => PublicArticleList.ReadCursor(query, cursors);

    static async Task<TPage> IPublicTermPage<TTerm, TPage>.ReadPageAsync(
        TTerm term, KeysetPosition? after, int limit, string? language, PublicRequest request)
    {
        var articles = await request.List.PageAsync(TSelf.FilterFor(term), after, limit, language, request.CancellationToken);
        return TSelf.ToPage(term, request.Reader.NameChain(language), articles);
    }
}

/// <summary>The list of every term, <c>/api/{plural}</c>, by slug, each localized into <typeparamref name="TItem"/>.</summary>
public interface IPublicTermList<TTerm, TItem> : IPublicTaxonomy
    where TTerm : TaxonomyTerm
{
    static abstract string ListSummary { get; }

    /// <summary>Whether <c>q</c> keeps the terms whose name in any language starts with it.</summary>
    static virtual bool FiltersByNamePrefix => false;

    static abstract TItem ToItem(TTerm term, IReadOnlyList<string> names);
}
