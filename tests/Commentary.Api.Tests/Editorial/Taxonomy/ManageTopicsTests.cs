using Commentary.Api.Content.Articles;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Editorial.Taxonomy;

public sealed class ManageTopicsTests(ApiFixture fixture) : TaxonomyCrudTests(fixture)
{
    protected override string Route => "/api/manage/topics";

    protected override string Noun => "topic";

    protected override string Body(string name, string? slug = null) =>
        $$"""{ "name": {{name}}, "description": { "zh-Hans": "外交" }{{SlugMember(slug)}} }""";

    protected override void Reference(Article article, Guid id) => article.Topics.Add(new ArticleTopic { TermId = id });
}
