using System.Globalization;
using System.Text;
using System.Xml;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Partners.Feeds;
using Commentary.Api.Platform;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Query;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Partners.Sitemap;

/// <summary>
/// The sitemap: one URL per published translation, each listing its published siblings (and <c>x-default</c>, the
/// original) as hreflang alternates. Above the page size, /sitemap.xml becomes an index of /sitemaps/{n}.xml.
/// </summary>
public static class GetSitemap
{
    public const string ContentType = "application/xml; charset=utf-8";
    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string XhtmlNs = "http://www.w3.org/1999/xhtml";

    public static async Task<IResult> Root(HttpContext context, PublicArticleReader reader, PublicResponses responses,
        IOptions<FeedOptions> options, IOptions<SiteOptions> site, CancellationToken cancellationToken)
    {
        // Sitemaps take no parameters; the one public guard refuses any, as on every other public route.
        if (PublicQuery.For(context.Request) is { IsValid: false } query)
        {
            return query.Problem();
        }

        var all = await LoadAsync(reader, cancellationToken);
        var pageSize = Math.Max(1, options.Value.SitemapPageSize);
        var lastModified = all.Count == 0 ? (DateTimeOffset?)null : all.Max(r => r.UpdatedAt);
        if (all.Count <= pageSize)
        {
            return responses.Bytes(context, UrlSet(all, all, site.Value), ContentType, lastModified, null);
        }

        var pages = (all.Count + pageSize - 1) / pageSize;
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
        var index = Write(xml =>
        {
            xml.WriteStartElement("sitemapindex", SitemapNs);
            for (var n = 1; n <= pages; n++)
            {
                var page = all.Skip((n - 1) * pageSize).Take(pageSize).ToList();
                xml.WriteStartElement("sitemap", SitemapNs);
                xml.WriteElementString("loc", SitemapNs, $"{baseUrl}/sitemaps/{n.ToString(CultureInfo.InvariantCulture)}.xml");
                xml.WriteElementString("lastmod", SitemapNs, W3CDate(page.Max(r => r.UpdatedAt)));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
        return responses.Bytes(context, index, ContentType, lastModified, null);
    }

    public static async Task<IResult> Page(int n, HttpContext context, PublicArticleReader reader, PublicResponses responses,
        IOptions<FeedOptions> options, IOptions<SiteOptions> site, CancellationToken cancellationToken)
    {
        // Sitemaps take no parameters; the one public guard refuses any, as on every other public route.
        if (PublicQuery.For(context.Request) is { IsValid: false } query)
        {
            return query.Problem();
        }

        var all = await LoadAsync(reader, cancellationToken);
        var pageSize = Math.Max(1, options.Value.SitemapPageSize);
        var pages = Math.Max(1, (all.Count + pageSize - 1) / pageSize);
        if (n < 1 || n > pages)
        {
            return Problems.NotFound($"The sitemap has {pages.ToString(CultureInfo.InvariantCulture)} page(s).");
        }

        var page = all.Skip((n - 1) * pageSize).Take(pageSize).ToList();
        var lastModified = page.Count == 0 ? (DateTimeOffset?)null : page.Max(r => r.UpdatedAt);
        return responses.Bytes(context, UrlSet(page, all, site.Value), ContentType, lastModified, null);
    }

    private static async Task<List<PublishedTranslationRef>> LoadAsync(PublicArticleReader reader, CancellationToken cancellationToken) =>
        await reader.PublishedTranslations().OrderBy(r => r.ArticleId).ThenBy(r => r.Language).ToListAsync(cancellationToken);

    private static byte[] UrlSet(IReadOnlyList<PublishedTranslationRef> page, IReadOnlyList<PublishedTranslationRef> all, SiteOptions site)
    {
        var siblings = all.Where(r => page.Any(p => p.ArticleId == r.ArticleId)).GroupBy(r => r.ArticleId).ToDictionary(g => g.Key, g => g.ToList());
        return Write(xml =>
        {
            xml.WriteStartElement("urlset", SitemapNs);
            xml.WriteAttributeString("xmlns", "xhtml", null, XhtmlNs);
            foreach (var entry in page)
            {
                var cluster = siblings[entry.ArticleId];
                xml.WriteStartElement("url", SitemapNs);
                xml.WriteElementString("loc", SitemapNs, site.ArticleUrlFor(entry.Language, entry.Slug));
                xml.WriteElementString("lastmod", SitemapNs, W3CDate(entry.UpdatedAt));
                foreach (var sibling in cluster)
                {
                    WriteAlternate(xml, sibling.Language, site.ArticleUrlFor(sibling.Language, sibling.Slug));
                }

                // x-default: the original when it is public, otherwise the first published language.
                var fallback = cluster.Find(s => s.Language == entry.OriginalLanguage) ?? cluster[0];
                WriteAlternate(xml, "x-default", site.ArticleUrlFor(fallback.Language, fallback.Slug));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
    }

    private static void WriteAlternate(XmlWriter xml, string hreflang, string href)
    {
        xml.WriteStartElement("xhtml", "link", XhtmlNs);
        xml.WriteAttributeString("rel", "alternate");
        xml.WriteAttributeString("hreflang", hreflang);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string W3CDate(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static byte[] Write(Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            body(xml);
            xml.WriteEndDocument();
        }

        return stream.ToArray();
    }
}
