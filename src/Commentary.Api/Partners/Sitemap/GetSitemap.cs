using System.Globalization;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Partners.Feeds;
using Commentary.Api.Platform;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Query;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Partners.Sitemap;

/// <summary>/sitemap.xml and /sitemaps/{n}.xml: the files <see cref="SitemapFiles"/> builds.</summary>
public static class GetSitemap
{
    public const string ContentType = "application/xml; charset=utf-8";

    public static Task<IResult> Root(HttpContext context, PublicArticleReader reader, PublicResponses responses,
        IOptions<FeedOptions> options, IOptions<SiteOptions> site, CancellationToken cancellationToken) =>
        AnswerAsync(0, context, reader, responses, options, site, cancellationToken);

    public static Task<IResult> Page(int n, HttpContext context, PublicArticleReader reader, PublicResponses responses,
        IOptions<FeedOptions> options, IOptions<SiteOptions> site, CancellationToken cancellationToken) =>
        AnswerAsync(n < 1 ? -1 : n, context, reader, responses, options, site, cancellationToken);

    private static async Task<IResult> AnswerAsync(int n, HttpContext context, PublicArticleReader reader, PublicResponses responses,
        IOptions<FeedOptions> options, IOptions<SiteOptions> site, CancellationToken cancellationToken)
    {
        // Sitemaps take no parameters; the one public guard refuses any, as on every other public route.
        if (PublicQuery.For(context.Request) is { IsValid: false } query)
        {
            return query.Problem();
        }

        var all = await reader.PublishedTranslations().OrderBy(r => r.ArticleId).ThenBy(r => r.Language).ToListAsync(cancellationToken);
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
        var files = SitemapFiles.Build(all, options.Value.SitemapPageSize, site.Value, baseUrl);
        if (n < 0 || n >= files.Count)
        {
            return Problems.NotFound($"The sitemap has {(files.Count - 1).ToString(CultureInfo.InvariantCulture)} page(s).");
        }

        return responses.Bytes(context, files[n].Body, ContentType, files[n].LastModified, null);
    }
}
