using Commentary.Api.Content;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.OpenApi;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Taxonomy;

/// <summary>A topic as the management API shows it; texts are maps of the languages present.</summary>
public sealed record ManagedTopic(
    Guid Id,
    string Slug,
    [property: ClosedSet(typeof(Language))] IReadOnlyDictionary<string, string> Name,
    [property: ClosedSet(typeof(Language))] IReadOnlyDictionary<string, string> Description,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>How the shared taxonomy handlers create, update, show and guard topics.</summary>
public sealed class TopicTaxonomy : ITaxonomy<Topic, TopicRequest, ManagedTopic>
{
    public static string Noun => "topic";

    public static string Route => "/api/manage/topics";

    public static Topic New(string slug) => new() { Slug = slug };

    public static void Apply(TopicRequest request, Topic topic)
    {
        topic.Name = LocalizedText.From(request.Name?.AsReadOnly());
        topic.Description = LocalizedText.From(request.Description?.AsReadOnly());
    }

    public static ManagedTopic ToResponse(Topic topic) =>
        new(topic.Id, topic.Slug, topic.Name.ToDictionary(), topic.Description.ToDictionary(), topic.Version, topic.CreatedAt, topic.UpdatedAt);

    public static Task<bool> IsInUseAsync(CommentaryDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.ArticleTopics.AnyAsync(link => link.TopicId == id, cancellationToken);

    public static IEnumerable<string?> ShownOnArticles(Topic topic) => [topic.Slug, topic.Name.En, topic.Name.ZhHans, topic.Name.ZhHant];

    public static IQueryable<Guid> ArticlesUsing(CommentaryDbContext db, Guid id) =>
        db.ArticleTopics.Where(link => link.TopicId == id).Select(link => link.ArticleId);
}
