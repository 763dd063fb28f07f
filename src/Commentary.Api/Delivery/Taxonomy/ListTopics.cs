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

public static class ListTopics
{
    private const string CursorKind = "topics";

    public static async Task<Results<CachedJson<Page<PublicTopic>>, ProblemHttpResult>> Handle(
        HttpContext context,
        LanguageNegotiator negotiator,
        CommentaryDbContext db,
        PublicArticleReader reader,
        CursorCodec cursors,
        PublicResponses responses,
        CancellationToken cancellationToken)
    {
        var query = PublicQuery.For(context.Request, "lang", "limit", "cursor");
        var language = query.Language(negotiator);
        var limit = query.Limit();
        var after = query.Cursor(cursors, CursorKind, 1)?[0];
        if (!query.IsValid)
        {
            return query.Problem();
        }

        var topics = db.Topics.AsNoTracking();
        if (after is not null)
        {
            topics = topics.Where(t => string.Compare(t.Slug, after) > 0);
        }

        var rows = await topics.OrderBy(t => t.Slug).Take(limit + 1).ToListAsync(cancellationToken);
        var chain = reader.NameChain(language);
        var items = rows.Take(limit)
            .Select(t => new PublicTopic(t.Slug, PublicArticleReader.LocalizeName(t.Name, chain, t.Slug), t.Description.Resolve(chain)?.Text))
            .ToList();
        var next = rows.Count > limit ? cursors.Encode(CursorKind, items[^1].Slug) : null;
        var modified = rows.Count == 0 ? (DateTimeOffset?)null : rows.Max(t => t.UpdatedAt);
        return responses.Json(context, new Page<PublicTopic>(items, next), modified, language);
    }
}
