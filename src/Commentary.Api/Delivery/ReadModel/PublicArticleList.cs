using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Query;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Delivery.ReadModel;

/// <summary>The filters a public article list accepts: the one allowlist (<see cref="Parameters"/>).</summary>
public sealed record PublicArticleFilter(string? Topic, string? Author, string? Source, DateTimeOffset? From, DateTimeOffset? To)
{
    public const int SlugMaxLength = 120;

    /// <summary>Every query parameter GET /api/articles accepts; anything else is a 400.</summary>
    public static readonly string[] Parameters = ["lang", "limit", "cursor", "topic", "author", "source", "from", "to"];

    public static PublicArticleFilter Read(PublicQuery query)
    {
        var from = query.Date("from", endOfDay: false);
        var to = query.Date("to", endOfDay: true);
        if (from is not null && to is not null && from >= to)
        {
            query.Fail("to", "Must be after 'from'.");
        }

        return new PublicArticleFilter(query.Text("topic", SlugMaxLength), query.Text("author", SlugMaxLength), query.Text("source", SlugMaxLength), from, to);
    }
}

/// <summary>
/// Pages of public articles, newest first (first publication time, then id, both descending) with a keyset cursor,
/// so paging stays cheap and stable while articles are published.
/// </summary>
public sealed class PublicArticleList(CommentaryDbContext db, PublicArticleReader reader, CursorCodec cursors)
{
    public const string CursorKind = "articles";

    /// <summary>Decodes the position a cursor holds; null (and an error on <paramref name="query"/> when it is invalid) otherwise.</summary>
    public static KeysetPosition? ReadCursor(PublicQuery query, CursorCodec cursors) => query.KeysetCursor(cursors, CursorKind);

    /// <summary>
    /// When anything public responses are built from last changed: publish, unpublish and delete (content changes), any
    /// article edit (quotes and links are not snapshotted), and topic, author and source names. The Last-Modified of lists
    /// and pages, which must move when an article leaves a list or a linked name changes, not only when one is added.
    /// </summary>
    public async Task<DateTimeOffset?> CatalogChangedAtAsync(CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<DateTimeOffset?>($"""SELECT {CatalogChangedAtSql} AS "Value" """).SingleAsync(cancellationToken);

    /// <summary>The SQL expression of <see cref="CatalogChangedAtAsync"/>, for reads that fold it into their own query.</summary>
    public const string CatalogChangedAtSql = """
        GREATEST(
            (SELECT max(changed_at) FROM content_changes), (SELECT max(updated_at) FROM articles),
            (SELECT max(updated_at) FROM topics), (SELECT max(updated_at) FROM authors), (SELECT max(updated_at) FROM sources))
        """;

    /// <summary>The Last-Modified of a page about one thing (an article, a topic, ...): its own change or the catalogue's, whichever is later.</summary>
    public async Task<DateTimeOffset> ChangedAtAsync(DateTimeOffset ownChange, CancellationToken cancellationToken) =>
        await CatalogChangedAtAsync(cancellationToken) is { } catalog && catalog > ownChange ? catalog : ownChange;

    private static readonly Page<PublicArticleSummary> Empty = new([], null);

    private static Task<Guid?> TermIdAsync<TTerm>(IQueryable<TTerm> terms, string slug, CancellationToken cancellationToken)
        where TTerm : Commentary.Api.Content.Taxonomy.TaxonomyTerm =>
        terms.Where(t => t.Slug == slug).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);

    public async Task<Page<PublicArticleSummary>> PageAsync(
        PublicArticleFilter filter, KeysetPosition? after, int limit, string? language, CancellationToken cancellationToken)
    {
        var articles = db.Articles.AsNoTracking().Where(PublicContent.IsPublicArticle);
        // Filters name terms by slug: resolved first, so an unknown one answers an empty page at once instead of
        // walking every public article, and a known one filters by id along the link tables' indexes.
        if (filter.Topic is { } topic)
        {
            if (await TermIdAsync(db.Topics, topic, cancellationToken) is not { } id)
            {
                return Empty;
            }

            articles = articles.Where(a => a.Topics.Any(t => t.TermId == id));
        }

        if (filter.Author is { } author)
        {
            if (await TermIdAsync(db.Authors, author, cancellationToken) is not { } id)
            {
                return Empty;
            }

            articles = articles.Where(a => a.Authors.Any(x => x.TermId == id));
        }

        if (filter.Source is { } source)
        {
            if (await TermIdAsync(db.Sources, source, cancellationToken) is not { } id)
            {
                return Empty;
            }

            articles = articles.Where(a => a.Quotes.Any(q => q.SourceId == id || q.OutletId == id));
        }

        if (filter.From is { } from)
        {
            articles = articles.Where(a => a.FirstPublishedAt >= from);
        }

        if (filter.To is { } to)
        {
            articles = articles.Where(a => a.FirstPublishedAt < to);
        }

        if (after is { } position)
        {
            var (publishedAt, id) = (position.At, position.Id);
            articles = articles.Where(a => a.FirstPublishedAt < publishedAt || (a.FirstPublishedAt == publishedAt && a.Id.CompareTo(id) < 0));
        }

        var keys = await articles
            .OrderByDescending(a => a.FirstPublishedAt).ThenByDescending(a => a.Id)
            .Select(a => new { a.Id, a.FirstPublishedAt })
            .Take(limit + 1)
            .ToListAsync(cancellationToken);

        var page = keys.Take(limit).ToList();
        var items = await reader.ReadSummariesAsync(page.Select(k => k.Id).ToList(), language, cancellationToken);
        var next = keys.Count > limit
            ? new KeysetPosition(page[^1].FirstPublishedAt!.Value, page[^1].Id).Encode(cursors, CursorKind)
            : null;
        return new Page<PublicArticleSummary>(items, next);
    }
}
