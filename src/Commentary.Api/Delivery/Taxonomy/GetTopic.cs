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

public static class GetTopic
{
    public static async Task<Results<CachedJson<PublicTopicPage>, ProblemHttpResult>> Handle(
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
        var after = PublicArticleList.ReadCursor(query, cursors);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        if (await db.Topics.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, cancellationToken) is not { } topic)
        {
            return Problems.NotFound($"No topic has the slug '{slug}'.");
        }

        var page = await list.PageAsync(new PublicArticleFilter(topic.Slug, null, null, null, null), after, limit, language, cancellationToken);
        var chain = reader.NameChain(language);
        var result = new PublicTopicPage(topic.Slug, PublicArticleReader.LocalizeName(topic.Name, chain, topic.Slug), topic.Description.Resolve(chain)?.Text, page.Items, page.NextCursor);
        return responses.Json(context, result, await list.ChangedAtAsync(topic.UpdatedAt, cancellationToken), language);
    }
}
