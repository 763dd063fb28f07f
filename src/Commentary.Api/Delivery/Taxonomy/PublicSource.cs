using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Query;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Delivery.Taxonomy;

public sealed record PublicSource(string Slug, string Kind, string Name, string? Role);

/// <summary>The article a quote appears in, titled in the reader's language.</summary>
public sealed record PublicQuotedIn(string Slug, string Title, string Language, string Url, DateTimeOffset PublishedAt);

/// <summary>One quote on a source page: the words, who said them, the outlet that reported them, and the article.</summary>
public sealed record PublicSourceQuote(string Text, string Language, PublicSourceRef Source, PublicNamedRef? Outlet, PublicQuotedIn Article);

/// <summary>A source page: the source and one page of its quotes across published articles ("who said what").</summary>
public sealed record PublicSourcePage(string Slug, string Kind, string Name, string? Role, IReadOnlyList<PublicSourceQuote> Items, string? NextCursor);

/// <summary>A source's page lists its quotes rather than articles: newest article first, then quote id, both descending.</summary>
public sealed class PublicSourceTaxonomy : IPublicTermList<Source, PublicSource>, IPublicTermPage<Source, PublicSourcePage>
{
    private const string QuotesCursorKind = "source-quotes";

    public static string Singular => "Source";

    public static string Plural => "Sources";

    public static string ListSummary => "Quoted people, organizations and outlets, by slug";

    public static bool FiltersByNamePrefix => true;

    public static string PageSummary => "A source and its quotes across published articles, newest article first (paged)";

    public static string? PageDescription =>
        "Includes quotes the source said and, for an outlet, quotes it reported. Each quote names its article, titled in the negotiated language.";

    public static PublicSource ToItem(Source source, IReadOnlyList<string> names) =>
        new(source.Slug, source.Kind, PublicArticleReader.LocalizeName(source.Name, names, source.Slug), source.Role.Resolve(names)?.Text);

    public static KeysetPosition? ReadCursor(PublicQuery query, CursorCodec cursors) => query.KeysetCursor(cursors, QuotesCursorKind);

    public static async Task<PublicSourcePage> ReadPageAsync(Source source, KeysetPosition? after, int limit, string? language, PublicRequest request)
    {
        var (db, reader) = (request.Db, request.Reader);
        // Quotes only from public articles, by the one definition of "public".
        var publicArticles = db.Articles.Where(PublicContent.IsPublicArticle);
        var quotes = from q in db.Quotes.AsNoTracking()
                     join a in publicArticles on q.ArticleId equals a.Id
                     where q.SourceId == source.Id || q.OutletId == source.Id
                     select new { Quote = q, PublishedAt = a.FirstPublishedAt!.Value, q.Source, q.Outlet };
        if (after is { } position)
        {
            quotes = quotes.Where(x => x.PublishedAt < position.At || (x.PublishedAt == position.At && x.Quote.Id.CompareTo(position.Id) < 0));
        }

        var rows = await quotes.OrderByDescending(x => x.PublishedAt).ThenByDescending(x => x.Quote.Id).Take(limit + 1).ToListAsync(request.CancellationToken);
        var page = rows.Take(limit).ToList();
        var targets = await reader.ReadLinkTargetsAsync(page.Select(r => r.Quote.ArticleId).Distinct().ToList(), request.CancellationToken);
        var items = new List<PublicSourceQuote>(page.Count);
        foreach (var row in page.Where(r => targets.ContainsKey(r.Quote.ArticleId)))
        {
            var target = targets[row.Quote.ArticleId];
            var (served, title, url) = reader.ResolveTitle(target, language);
            // The quote in the language its article is served in, with the article's own fallback chain.
            var chain = request.Negotiator.Chain(served, target.OriginalLanguage);
            if (row.Quote.Text.Resolve(chain) is not { } text)
            {
                continue;
            }

            items.Add(new PublicSourceQuote(
                text.Text,
                text.Language,
                new PublicSourceRef(row.Source.Slug, PublicArticleReader.LocalizeName(row.Source.Name, chain, row.Source.Slug), row.Source.Role.Resolve(chain)?.Text),
                row.Outlet is null ? null : new PublicNamedRef(row.Outlet.Slug, PublicArticleReader.LocalizeName(row.Outlet.Name, chain, row.Outlet.Slug)),
                new PublicQuotedIn(target.Slug, title, served, url, row.PublishedAt)));
        }

        var next = rows.Count > limit ? new KeysetPosition(page[^1].PublishedAt, page[^1].Quote.Id).Encode(request.Cursors, QuotesCursorKind) : null;
        var shown = ToItem(source, reader.NameChain(language));
        return new PublicSourcePage(shown.Slug, shown.Kind, shown.Name, shown.Role, items, next);
    }
}
