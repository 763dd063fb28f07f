using Commentary.Api.Content.Taxonomy;

namespace Commentary.Api.Editorial.Taxonomy;

/// <summary>
/// CRUD of topics at /api/manage/topics (editor): create, list (`q`, keyset paging), get, replace (If-Match),
/// delete (refused while an article names the topic). The routes are the shared taxonomy table.
/// </summary>
public static class ManageTopicsEndpoints
{
    public static RouteGroupBuilder MapManageTopics(this IEndpointRouteBuilder app) =>
        app.MapTaxonomy<TopicTaxonomy, Topic, TopicRequest, ManagedTopic>("Topic", "Topics");
}
