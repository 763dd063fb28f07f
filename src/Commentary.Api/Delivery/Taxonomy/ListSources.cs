using Commentary.Api.Content;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Query;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Delivery.Taxonomy;

public static class ListSources
{
    private const string CursorKind = "sources";
    private const int QueryMaxLength = 200;

    public static async Task<Results<CachedJson<Page<PublicSource>>, ProblemHttpResult>> Handle(
        HttpContext context,
        LanguageNegotiator negotiator,
        CommentaryDbContext db,
        PublicArticleReader reader,
        CursorCodec cursors,
        PublicResponses responses,
        CancellationToken cancellationToken)
    {
        var query = PublicQuery.For(context.Request, "lang", "limit", "cursor", "q");
        var language = query.Language(negotiator);
        var limit = query.Limit();
        var after = query.Cursor(cursors, CursorKind, 1)?[0];
        var prefix = query.Text("q", QueryMaxLength)?.Trim();
        if (!query.IsValid)
        {
            return query.Problem();
        }

        var sources = db.Sources.AsNoTracking();
        if (!string.IsNullOrEmpty(prefix))
        {
            var pattern = LikePatterns.StartingWith(prefix);
            sources = sources.Where(s => EF.Functions.ILike(s.Name.En!, pattern, LikePatterns.Escape)
                || EF.Functions.ILike(s.Name.ZhHans!, pattern, LikePatterns.Escape)
                || EF.Functions.ILike(s.Name.ZhHant!, pattern, LikePatterns.Escape));
        }

        if (after is not null)
        {
            sources = sources.Where(s => string.Compare(s.Slug, after) > 0);
        }

        var rows = await sources.OrderBy(s => s.Slug).Take(limit + 1).ToListAsync(cancellationToken);
        var chain = reader.NameChain(language);
        var items = rows.Take(limit)
            .Select(s => new PublicSource(s.Slug, s.Kind, PublicArticleReader.LocalizeName(s.Name, chain, s.Slug), s.Role.Resolve(chain)?.Text))
            .ToList();
        var next = rows.Count > limit ? cursors.Encode(CursorKind, items[^1].Slug) : null;
        var modified = rows.Count == 0 ? (DateTimeOffset?)null : rows.Max(s => s.UpdatedAt);
        return responses.Json(context, new Page<PublicSource>(items, next), modified, language);
    }
}
