using Commentary.Api.Platform;

namespace Commentary.Api.Partners.Feeds;

/// <summary>Writes Atom 1.0 (RFC 4287) in the default namespace, with RFC 3339 dates and the full HTML as <c>content type="html"</c>.</summary>
public static class AtomWriter
{
    private const string AtomNs = "http://www.w3.org/2005/Atom";

    public static byte[] Write(FeedContent content, FeedOptions options, SiteOptions site, string self) => FeedXml.Write(xml =>
    {
        xml.WriteStartElement("feed", AtomNs);
        xml.WriteAttributeString("xml", "lang", null, content.Language);
        Text(xml, "title", content.Title(options));
        Text(xml, "subtitle", options.Description);
        // The feed's own address identifies it: stable while the configured public address is.
        FeedXml.Element(xml, "id", self);
        FeedXml.Element(xml, "updated", FeedXml.Rfc3339(content.LastModified ?? DateTimeOffset.UnixEpoch));
        Link(xml, "self", "application/atom+xml", self);
        Link(xml, "alternate", "text/html", options.HomeUrl);
        // RFC 4287 wants an author on every entry; the publication stands in for articles without one.
        Person(xml, options.Title);

        foreach (var article in content.Articles)
        {
            xml.WriteStartElement("entry");
            FeedXml.Element(xml, "id", $"urn:uuid:{article.Id}");
            Text(xml, "title", article.Title);
            FeedXml.Element(xml, "updated", FeedXml.Rfc3339(article.UpdatedAt));
            FeedXml.Element(xml, "published", FeedXml.Rfc3339(article.PublishedAt));
            Link(xml, "alternate", "text/html", site.ArticleUrlFor(article.Language, article.Slug));
            foreach (var author in article.Authors)
            {
                Person(xml, author.Name);
            }

            foreach (var topic in article.Topics)
            {
                xml.WriteStartElement("category");
                xml.WriteAttributeString("term", FeedXml.Clean(topic.Slug));
                xml.WriteAttributeString("label", FeedXml.Clean(topic.Name));
                xml.WriteEndElement();
            }

            if (article.Summary is not null)
            {
                Text(xml, "summary", article.Summary);
            }

            xml.WriteStartElement("content");
            xml.WriteAttributeString("type", "html");
            xml.WriteString(FeedXml.Clean(article.BodyHtml));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    });

    private static void Text(System.Xml.XmlWriter xml, string name, string? value)
    {
        xml.WriteStartElement(name);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(FeedXml.Clean(value));
        xml.WriteEndElement();
    }

    private static void Link(System.Xml.XmlWriter xml, string rel, string type, string href)
    {
        xml.WriteStartElement("link");
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static void Person(System.Xml.XmlWriter xml, string name)
    {
        xml.WriteStartElement("author");
        FeedXml.Element(xml, "name", name);
        xml.WriteEndElement();
    }
}
