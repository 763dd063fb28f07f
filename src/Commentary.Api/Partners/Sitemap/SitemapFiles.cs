using System.Globalization;
using System.Text;
using System.Xml;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform;

namespace Commentary.Api.Partners.Sitemap;

/// <summary>One file of a sitemap: its bytes and the newest change of the URLs it lists.</summary>
public sealed record SitemapFile(byte[] Body, DateTimeOffset? LastModified);

/// <summary>
/// Builds every file of the sitemap from the published translations: one URL per translation, each listing its
/// published siblings (and <c>x-default</c>, the original) as hreflang alternates. File 0 is /sitemap.xml: the URL set
/// itself up to the page size, above it an index of files 1..n (/sitemaps/{n}.xml).
/// </summary>
public static class SitemapFiles
{
    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string XhtmlNs = "http://www.w3.org/1999/xhtml";

    /// <param name="all">Every published translation, ordered by article, then language.</param>
    /// <param name="apiUrl">The API's public base address, for the index's links to its pages.</param>
    public static IReadOnlyList<SitemapFile> Build(IReadOnlyList<PublishedTranslationRef> all, int pageSize, SiteOptions site, string apiUrl)
    {
        pageSize = Math.Max(1, pageSize);
        // Each translation's siblings, found once for the whole sitemap (linear; a page's entries may cross a page boundary).
        var clusters = new Dictionary<Guid, List<PublishedTranslationRef>>();
        foreach (var entry in all)
        {
            if (!clusters.TryGetValue(entry.ArticleId, out var cluster))
            {
                clusters[entry.ArticleId] = cluster = [];
            }

            cluster.Add(entry);
        }

        var lastModified = all.Count == 0 ? (DateTimeOffset?)null : all.Max(r => r.UpdatedAt);
        if (all.Count <= pageSize)
        {
            var only = new SitemapFile(UrlSet(all, clusters, site), lastModified);
            return [only, only];
        }

        var pages = new List<SitemapFile>();
        for (var start = 0; start < all.Count; start += pageSize)
        {
            var page = all.Skip(start).Take(pageSize).ToList();
            pages.Add(new SitemapFile(UrlSet(page, clusters, site), page.Max(r => r.UpdatedAt)));
        }

        var index = Write(xml =>
        {
            xml.WriteStartElement("sitemapindex", SitemapNs);
            for (var n = 1; n <= pages.Count; n++)
            {
                xml.WriteStartElement("sitemap", SitemapNs);
                xml.WriteElementString("loc", SitemapNs, $"{apiUrl}/sitemaps/{n.ToString(CultureInfo.InvariantCulture)}.xml");
                xml.WriteElementString("lastmod", SitemapNs, W3CDate(pages[n - 1].LastModified!.Value));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
        return [new SitemapFile(index, lastModified), .. pages];
    }

    private static byte[] UrlSet(IReadOnlyList<PublishedTranslationRef> page, Dictionary<Guid, List<PublishedTranslationRef>> siblings, SiteOptions site)
    {
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
