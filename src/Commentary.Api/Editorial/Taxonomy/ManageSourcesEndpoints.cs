using Commentary.Api.Content.Taxonomy;

namespace Commentary.Api.Editorial.Taxonomy;

/// <summary>
/// CRUD of quoted sources at /api/manage/sources (editor): create, list (`q`, keyset paging), get, replace
/// (If-Match), delete (refused while quoted or named as an outlet). The routes are the shared taxonomy table.
/// </summary>
public static class ManageSourcesEndpoints
{
    public static RouteGroupBuilder MapManageSources(this IEndpointRouteBuilder app) =>
        app.MapTaxonomy<SourceTaxonomy, Source, SourceRequest, ManagedSource>("Source", "Sources");
}
