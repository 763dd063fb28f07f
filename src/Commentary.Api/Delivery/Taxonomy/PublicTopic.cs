using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Paging;

namespace Commentary.Api.Delivery.Taxonomy;

public sealed record PublicTopic(string Slug, string Name, string? Description);

/// <summary>A topic page: the topic in the reader's language and one page of its published articles.</summary>
public sealed record PublicTopicPage(string Slug, string Name, string? Description, IReadOnlyList<PublicArticleSummary> Items, string? NextCursor);

public sealed class PublicTopicTaxonomy : IPublicTermList<Topic, PublicTopic>, IArticleFilingTermPage<PublicTopicTaxonomy, Topic, PublicTopicPage>
{
    public static string Singular => "Topic";

    public static string Plural => "Topics";

    public static string ListSummary => "Every topic, by slug, with its name and description in the negotiated language";

    public static string PageSummary => "A topic and its published articles, newest first (paged)";

    public static PublicTopic ToItem(Topic topic, IReadOnlyList<string> names) =>
        new(topic.Slug, PublicArticleReader.LocalizeName(topic.Name, names, topic.Slug), topic.Description.Resolve(names)?.Text);

    public static PublicArticleFilter FilterFor(Topic topic) => new(topic.Slug, null, null, null, null);

    public static PublicTopicPage ToPage(Topic topic, IReadOnlyList<string> names, Page<PublicArticleSummary> articles)
    {
        var item = ToItem(topic, names);
        return new(item.Slug, item.Name, item.Description, articles.Items, articles.NextCursor);
    }
}
