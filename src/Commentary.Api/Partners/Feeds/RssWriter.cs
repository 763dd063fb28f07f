using Commentary.Api.Platform;

namespace Commentary.Api.Partners.Feeds;

/// <summary>
/// Writes RSS 2.0 with the prefixes readers match literally (<c>content:encoded</c> for the full HTML,
/// <c>dc:creator</c> per author, <c>atom:link</c> for the self link) and RFC 1123 dates in GMT.
/// </summary>
public static class RssWriter
{
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private const string DublinCoreNs = "http://purl.org/dc/elements/1.1/";
    private const string AtomNs = "http://www.w3.org/2005/Atom";

    public static byte[] Write(FeedContent content, FeedOptions options, SiteOptions site, string self) => FeedXml.Write(xml =>
    {
        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteAttributeString("xmlns", "content", null, ContentNs);
        xml.WriteAttributeString("xmlns", "dc", null, DublinCoreNs);
        xml.WriteAttributeString("xmlns", "atom", null, AtomNs);
        xml.WriteStartElement("channel");
        FeedXml.Element(xml, "title", content.Title(options));
        FeedXml.Element(xml, "link", options.HomeUrl);
        FeedXml.Element(xml, "description", options.Description);
        FeedXml.Element(xml, "language", content.Language);
        FeedXml.Element(xml, "lastBuildDate", FeedXml.Rfc1123(content.LastModified ?? DateTimeOffset.UnixEpoch));
        xml.WriteStartElement("atom", "link", AtomNs);
        xml.WriteAttributeString("href", self);
        xml.WriteAttributeString("rel", "self");
        xml.WriteAttributeString("type", "application/rss+xml");
        xml.WriteEndElement();

        foreach (var article in content.Articles)
        {
            xml.WriteStartElement("item");
            FeedXml.Element(xml, "title", article.Title);
            FeedXml.Element(xml, "link", site.ArticleUrlFor(article.Language, article.Slug));
            FeedXml.Element(xml, "description", article.Summary ?? article.Title);
            xml.WriteStartElement("guid");
            xml.WriteAttributeString("isPermaLink", "false");
            xml.WriteString($"urn:uuid:{article.Id}");
            xml.WriteEndElement();
            FeedXml.Element(xml, "pubDate", FeedXml.Rfc1123(article.PublishedAt));
            foreach (var author in article.Authors)
            {
                // RSS's own <author> must be an e-mail address; Dublin Core's creator is the name readers show.
                FeedXml.Element(xml, "dc", "creator", DublinCoreNs, author.Name);
            }

            foreach (var topic in article.Topics)
            {
                FeedXml.Element(xml, "category", topic.Name);
            }

            FeedXml.Element(xml, "content", "encoded", ContentNs, article.BodyHtml);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    });
}
