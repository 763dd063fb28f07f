using Commentary.Api.Content;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.OpenApi;

namespace Commentary.Api.Editorial.Taxonomy;

/// <summary>The body of POST and PUT /api/manage/topics.</summary>
public sealed record TopicRequest(
    [property: ClosedSet(typeof(Language))] IDictionary<string, string> Name,
    [property: ClosedSet(typeof(Language))] IDictionary<string, string>? Description = null,
    string? Slug = null)
    : ITaxonomyRequest, IHasRequestExample<TopicRequest>
{
    public static TopicRequest Example => new(
        new Dictionary<string, string> { [Language.English] = "Foreign policy", [Language.Simplified] = "外交政策", [Language.Traditional] = "外交政策" },
        new Dictionary<string, string> { [Language.English] = "Diplomacy, alliances and summits." });
}

internal sealed class TopicRequestValidator() : TaxonomyRequestValidator<TopicRequest>(r => r.Description, Topic.DescriptionMaxLength);

/// <summary>A topic as the management API shows it; texts are maps of the languages present.</summary>
public sealed record ManagedTopic : ManagedTerm
{
    public ManagedTopic(Topic topic) : base(topic) => Description = topic.Description.ToDictionary();

    [ClosedSet(typeof(Language))] public IReadOnlyDictionary<string, string> Description { get; init; }
}

public sealed class TopicTaxonomy : ITaxonomy<Topic, TopicRequest, ManagedTopic>
{
    public static string Singular => "Topic";

    public static string Plural => "Topics";

    public static Topic New(string slug) => new() { Slug = slug };

    public static void ApplyOwnFields(TopicRequest request, Topic topic) => topic.Description = LocalizedText.From(request.Description?.AsReadOnly());

    public static ManagedTopic ToResponse(Topic topic) => new(topic);

    public static string OwnTextName => "description";

    public static LocalizedText OwnText(Topic topic) => topic.Description;

    public static IQueryable<Guid> ArticlesUsing(CommentaryDbContext db, Guid id) =>
        db.ArticleTopics.Where(link => link.TermId == id).Select(link => link.ArticleId);
}
