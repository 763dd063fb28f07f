using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Delivery.Taxonomy;

/// <summary>A term's public page: <c>lang</c>, <c>limit</c> and <c>cursor</c> checked first, then the term by slug (404), then its page.</summary>
public static class PublicTermPageHandler<TTaxonomy, TTerm, TPage>
    where TTaxonomy : IPublicTermPage<TTerm, TPage>
    where TTerm : TaxonomyTerm
{
    public static async Task<Results<CachedJson<TPage>, ProblemHttpResult>> Handle(string slug, [AsParameters] PublicRequest request)
    {
        var query = request.Query("lang", "limit", "cursor");
        var language = query.Language(request.Negotiator);
        var limit = query.Limit();
        var after = TTaxonomy.ReadCursor(query, request.Cursors);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        if (await request.Db.Set<TTerm>().AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, request.CancellationToken) is not { } term)
        {
            return Problems.NotFound($"No {TTaxonomy.Singular.ToLowerInvariant()} has the slug '{slug}'.");
        }

        var page = await TTaxonomy.ReadPageAsync(term, after, limit, language, request);
        var modified = await request.List.ChangedAtAsync(term.UpdatedAt, request.CancellationToken);
        return request.Responses.Json(request.Context, page, modified, language);
    }
}

/// <summary>Every term by slug, keyset-paged; the Last-Modified is the latest change among the terms read.</summary>
public static class PublicTermListHandler<TTaxonomy, TTerm, TItem>
    where TTaxonomy : IPublicTermList<TTerm, TItem>
    where TTerm : TaxonomyTerm
{
    private static readonly string CursorKind = TTaxonomy.Plural.ToLowerInvariant();

    public static async Task<Results<CachedJson<Page<TItem>>, ProblemHttpResult>> Handle([AsParameters] PublicRequest request)
    {
        var query = TTaxonomy.FiltersByNamePrefix
            ? request.Query("lang", "limit", "cursor", "q")
            : request.Query("lang", "limit", "cursor");
        var language = query.Language(request.Negotiator);
        var limit = query.Limit();
        var after = query.Cursor(request.Cursors, CursorKind, 1)?[0];
        var prefix = TTaxonomy.FiltersByNamePrefix ? query.Text("q", TaxonomyTerm.NameMaxLength)?.Trim() : null;
        if (!query.IsValid)
        {
            return query.Problem();
        }

        var terms = request.Db.Set<TTerm>().AsNoTracking();
        if (!string.IsNullOrEmpty(prefix))
        {
            var pattern = LikePatterns.StartingWith(prefix);
            terms = terms.Where(t => EF.Functions.ILike(t.Name.En!, pattern, LikePatterns.Escape)
                || EF.Functions.ILike(t.Name.ZhHans!, pattern, LikePatterns.Escape)
                || EF.Functions.ILike(t.Name.ZhHant!, pattern, LikePatterns.Escape));
        }

        if (after is not null)
        {
            terms = terms.Where(t => string.Compare(t.Slug, after) > 0);
        }

        var rows = await terms.OrderBy(t => t.Slug).Take(limit + 1).ToListAsync(request.CancellationToken);
        var names = request.Reader.NameChain(language);
        var items = rows.Take(limit).Select(t => TTaxonomy.ToItem(t, names)).ToList();
        var next = rows.Count > limit ? request.Cursors.Encode(CursorKind, rows[limit - 1].Slug) : null;
        var modified = rows.Count == 0 ? (DateTimeOffset?)null : rows.Max(t => t.UpdatedAt);
        return request.Responses.Json(request.Context, new Page<TItem>(items, next), modified, language);
    }
}
