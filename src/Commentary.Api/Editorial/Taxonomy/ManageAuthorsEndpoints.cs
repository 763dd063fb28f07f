using Commentary.Api.Content.Taxonomy;

namespace Commentary.Api.Editorial.Taxonomy;

/// <summary>
/// CRUD of authors at /api/manage/authors (editor): create, list (`q`, keyset paging), get, replace (If-Match),
/// delete (refused while an article names the author). The routes are the shared taxonomy table.
/// </summary>
public static class ManageAuthorsEndpoints
{
    public static RouteGroupBuilder MapManageAuthors(this IEndpointRouteBuilder app) =>
        app.MapTaxonomy<AuthorTaxonomy, Author, AuthorRequest, ManagedAuthor>("Author", "Authors");
}
