using System.Globalization;
using Commentary.Api.Content;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Query;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Delivery.Taxonomy;

public static class GetSource
{
    private const string CursorKind = "source-quotes";

    public static async Task<Results<CachedJson<PublicSourcePage>, ProblemHttpResult>> Handle(
        string slug,
        HttpContext context,
        LanguageNegotiator negotiator,
        CommentaryDbContext db,
        PublicArticleReader reader,
        PublicArticleList list,
        CursorCodec cursors,
        PublicResponses responses,
        CancellationToken cancellationToken)
    {
        var query = PublicQuery.For(context.Request, "lang", "limit", "cursor");
        var language = query.Language(negotiator);
        var limit = query.Limit();
        var cursor = query.Cursor(cursors, CursorKind, 2);
        (long Ticks, Guid Id)? after = null;
        if (cursor is not null)
        {
            if (long.TryParse(cursor[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParse(cursor[1], out var quoteId))
            {
                after = (ticks, quoteId);
            }
            else
            {
                query.Fail("cursor", "Invalid cursor.");
            }
        }

        if (!query.IsValid)
        {
            return query.Problem();
        }

        if (await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken) is not { } source)
        {
            return Problems.NotFound($"No source has the slug '{slug}'.");
        }

        // Quotes only from public articles, by the one definition of "public".
        var publicArticles = db.Articles.Where(Commentary.Api.Content.Articles.PublicContent.IsPublicArticle);
        var quotes = from q in db.Quotes.AsNoTracking()
                     join a in publicArticles on q.ArticleId equals a.Id
                     where q.SourceId == source.Id || q.OutletId == source.Id
                     select new { Quote = q, PublishedAt = a.FirstPublishedAt!.Value, q.Source, q.Outlet };
        if (after is { } position)
        {
            var publishedAt = new DateTimeOffset(position.Ticks, TimeSpan.Zero);
            quotes = quotes.Where(x => x.PublishedAt < publishedAt || (x.PublishedAt == publishedAt && x.Quote.Id.CompareTo(position.Id) < 0));
        }

        var rows = await quotes.OrderByDescending(x => x.PublishedAt).ThenByDescending(x => x.Quote.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        var targets = await reader.ReadLinkTargetsAsync(page.Select(r => r.Quote.ArticleId).Distinct().ToList(), cancellationToken);
        var names = reader.NameChain(language);
        var items = new List<PublicSourceQuote>(page.Count);
        foreach (var row in page.Where(r => targets.ContainsKey(r.Quote.ArticleId)))
        {
            var target = targets[row.Quote.ArticleId];
            var (served, title, url) = reader.ResolveTitle(target, language);
            // The quote in the language its article is served in, with the article's own fallback chain.
            var chain = negotiator.Chain(served, target.OriginalLanguage);
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

        var next = rows.Count > limit ? cursors.Encode(CursorKind, page[^1].PublishedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), page[^1].Quote.Id.ToString()) : null;
        var result = new PublicSourcePage(source.Slug, source.Kind, PublicArticleReader.LocalizeName(source.Name, names, source.Slug), source.Role.Resolve(names)?.Text, items, next);
        return responses.Json(context, result, await list.ChangedAtAsync(source.UpdatedAt, cancellationToken), language);
    }
}
