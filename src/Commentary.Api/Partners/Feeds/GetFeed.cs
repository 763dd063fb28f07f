using Commentary.Api.Delivery.PrebuiltPages;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Database;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Partners.Feeds;

/// <summary>The three feed formats over one query; each answers conditional GETs from the bytes it sends.</summary>
public static class GetFeed
{
    public const string RssType = "application/rss+xml; charset=utf-8";
    public const string AtomType = "application/atom+xml; charset=utf-8";
    public const string JsonFeedType = "application/feed+json; charset=utf-8";

    public static Task<IResult> Rss(string lang, HttpContext context, PublicArticleReader reader, PrebuiltPageStore renditions, CommentaryDbContext db,
        PublicResponses responses, IOptions<FeedOptions> options, IOptions<SiteOptions> site, CancellationToken cancellationToken) =>
        HandleAsync(lang, context, reader, renditions, db, responses, RssType, (c, self) => SyndicationWriter.Rss(c, options.Value, site.Value, self), cancellationToken);

    public static Task<IResult> Atom(string lang, HttpContext context, PublicArticleReader reader, PrebuiltPageStore renditions, CommentaryDbContext db,
        PublicResponses responses, IOptions<FeedOptions> options, IOptions<SiteOptions> site, CancellationToken cancellationToken) =>
        HandleAsync(lang, context, reader, renditions, db, responses, AtomType, (c, self) => SyndicationWriter.Atom(c, options.Value, site.Value, self), cancellationToken);

    public static Task<IResult> Json(string lang, HttpContext context, PublicArticleReader reader, PrebuiltPageStore renditions, CommentaryDbContext db,
        PublicResponses responses, IOptions<FeedOptions> options, IOptions<SiteOptions> site, CancellationToken cancellationToken) =>
        HandleAsync(lang, context, reader, renditions, db, responses, JsonFeedType, (c, self) => JsonFeedWriter.Write(c, options.Value, site.Value, self), cancellationToken);

    private static async Task<IResult> HandleAsync(
        string lang, HttpContext context, PublicArticleReader reader, PrebuiltPageStore renditions, CommentaryDbContext db, PublicResponses responses,
        string contentType, Func<FeedContent, Uri, byte[]> write, CancellationToken cancellationToken)
    {
        var (content, problem) = await FeedQuery.LoadAsync(lang, context.Request, reader, renditions, db, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var bytes = write(content!, new Uri(context.Request.GetEncodedUrl()));
        return responses.Bytes(context, bytes, contentType, content!.LastModified, content.Language);
    }
}
