using Commentary.Api.Content.Articles;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Editorial.Taxonomy;

public sealed class ManageAuthorsTests(ApiFixture fixture) : TaxonomyCrudTests(fixture)
{
    protected override string Route => "/api/manage/authors";

    protected override string Noun => "author";

    protected override string Body(string name, string? slug = null) =>
        $$"""{ "name": {{name}}, "bio": { "en": "Writes." }{{SlugMember(slug)}} }""";

    protected override void Reference(Article article, Guid id) => article.Authors.Add(new ArticleAuthor { TermId = id });
}
