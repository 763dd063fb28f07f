using System.Globalization;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Query;

namespace Commentary.Api.Partners.Sitemap;

/// <summary>/sitemap.xml and /sitemaps/{n}.xml, served from the stored build (<see cref="SitemapStore"/>).</summary>
public static class GetSitemap
{
    public const string ContentType = "application/xml; charset=utf-8";

    public static Task<IResult> Root(HttpContext context, SitemapStore store, PublicResponses responses, CancellationToken cancellationToken) =>
        AnswerAsync(0, context, store, responses, cancellationToken);

    public static Task<IResult> Page(int n, HttpContext context, SitemapStore store, PublicResponses responses, CancellationToken cancellationToken) =>
        AnswerAsync(n < 1 ? -1 : n, context, store, responses, cancellationToken);

    private static async Task<IResult> AnswerAsync(int n, HttpContext context, SitemapStore store, PublicResponses responses, CancellationToken cancellationToken)
    {
        // Sitemaps take no parameters; the one public guard refuses any, as on every other public route.
        if (PublicQuery.For(context.Request) is { IsValid: false } query)
        {
            return query.Problem();
        }

        var answer = await store.ReadAsync(n, cancellationToken);
        return answer.File is { } file
            ? responses.Bytes(context, file.Body, file.ETag, ContentType, file.LastModified, null)
            : Problems.NotFound($"The sitemap has {answer.Pages.ToString(CultureInfo.InvariantCulture)} page(s).");
    }
}
