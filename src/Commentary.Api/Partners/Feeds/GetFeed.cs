using Commentary.Api.Delivery.PrebuiltPages;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Database;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Partners.Feeds;

/// <summary>The three feed formats over one query; each answers conditional GETs from the bytes it sends.</summary>
public static class GetFeed
{
    public const string RssType = "application/rss+xml; charset=utf-8";
    public const string AtomType = "application/atom+xml; charset=utf-8";
    public const string JsonFeedType = "application/feed+json; charset=utf-8";

    public static Task<IResult> Rss(string lang, [AsParameters] FeedRequest feed) =>
        feed.AnswerAsync(lang, RssType, (content, self) => RssWriter.Write(content, feed.Options.Value, feed.Site.Value, self));

    public static Task<IResult> Atom(string lang, [AsParameters] FeedRequest feed) =>
        feed.AnswerAsync(lang, AtomType, (content, self) => AtomWriter.Write(content, feed.Options.Value, feed.Site.Value, self));

    public static Task<IResult> Json(string lang, [AsParameters] FeedRequest feed) =>
        feed.AnswerAsync(lang, JsonFeedType, (content, self) => JsonFeedWriter.Write(content, feed.Options.Value, feed.Site.Value, self));
}

/// <summary>What every feed format is given, bound with <c>[AsParameters]</c>: the formats differ only in their writer.</summary>
public readonly record struct FeedRequest(
    HttpContext Context,
    PublicArticleReader Reader,
    PrebuiltPageStore Pages,
    CommentaryDbContext Db,
    PublicResponses Responses,
    IOptions<FeedOptions> Options,
    IOptions<SiteOptions> Site,
    CancellationToken CancellationToken)
{
    internal async Task<IResult> AnswerAsync(string lang, string contentType, Func<FeedContent, string, byte[]> write)
    {
        var (content, problem) = await FeedQuery.LoadAsync(lang, Context.Request, Reader, Pages, Db, CancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // The configured public address, never the request's Host (the caller's to choose); path and query as requested,
        // which the guard above has checked.
        var self = Site.Value.ApiUrlFor(Context.Request.Path.ToUriComponent() + Context.Request.QueryString.ToUriComponent());
        var bytes = write(content!, self);
        return Responses.Bytes(Context, bytes, contentType, content!.LastModified, content.Language);
    }
}
