using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform;
using Commentary.Api.Platform.Languages;

namespace Commentary.Api.Partners.Feeds;

/// <summary>Writes RSS 2.0 and Atom 1.0 with System.ServiceModel.Syndication, as UTF-8 without a byte-order mark.</summary>
public static class SyndicationWriter
{
    private const string ContentModule = "http://purl.org/rss/1.0/modules/content/";

    public static byte[] Rss(FeedContent content, FeedOptions options, SiteOptions site, Uri self)
    {
        var feed = CreateFeed(content, options, self, "application/rss+xml");
        foreach (var article in content.Articles)
        {
            var item = CreateItem(article, site);
            // RSS has no content element of its own; content:encoded is what readers look for.
            item.Summary = new TextSyndicationContent(article.Summary ?? article.Title);
            item.ElementExtensions.Add("encoded", ContentModule, article.BodyHtml);
            feed.Items = [.. feed.Items, item];
        }

        return Write(new Rss20FeedFormatter(feed));
    }

    public static byte[] Atom(FeedContent content, FeedOptions options, SiteOptions site, Uri self)
    {
        var feed = CreateFeed(content, options, self, "application/atom+xml");
        // RFC 4287 wants an author on every entry; the publication stands in for articles without one.
        feed.Authors.Add(new SyndicationPerson { Name = options.Title });
        foreach (var article in content.Articles)
        {
            var item = CreateItem(article, site);
            item.Content = new TextSyndicationContent(article.BodyHtml, TextSyndicationContentKind.Html);
            if (article.Summary is not null)
            {
                item.Summary = new TextSyndicationContent(article.Summary);
            }

            feed.Items = [.. feed.Items, item];
        }

        return Write(new Atom10FeedFormatter(feed));
    }

    private static SyndicationFeed CreateFeed(FeedContent content, FeedOptions options, Uri self, string mediaType)
    {
        var feed = new SyndicationFeed(
            FeedTitle(content, options),
            options.Description,
            new Uri(options.HomeUrl),
            self.AbsoluteUri,
            content.LastModified ?? DateTimeOffset.UnixEpoch)
        {
            Language = content.Language,
            Items = [],
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(self, mediaType));
        return feed;
    }

    private static SyndicationItem CreateItem(PublicArticle article, SiteOptions site)
    {
        var item = new SyndicationItem
        {
            Id = $"urn:uuid:{article.Id}",
            Title = new TextSyndicationContent(article.Title),
            PublishDate = article.PublishedAt,
            LastUpdatedTime = article.UpdatedAt,
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(site.ArticleUrlFor(article.Language, article.Slug)), "text/html"));
        foreach (var author in article.Authors)
        {
            item.Authors.Add(new SyndicationPerson { Name = author.Name });
        }

        foreach (var topic in article.Topics)
        {
            item.Categories.Add(new SyndicationCategory(topic.Name) { Label = topic.Name });
        }

        return item;
    }

    internal static string FeedTitle(FeedContent content, FeedOptions options)
    {
        var title = $"{options.Title} ({Language.Label(content.Language)})";
        if (content.Topic is not null)
        {
            title += $" · {content.Topic}";
        }

        return content.Author is not null ? $"{title} · {content.Author}" : title;
    }

    private static byte[] Write(SyndicationFeedFormatter formatter)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            formatter.WriteTo(xml);
        }

        return stream.ToArray();
    }
}
