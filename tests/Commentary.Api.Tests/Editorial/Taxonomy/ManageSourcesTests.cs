using System.Net;
using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Editorial.Taxonomy;

public sealed class ManageSourcesTests(ApiFixture fixture) : TaxonomyCrudTests(fixture)
{
    protected override string Route => "/api/manage/sources";

    protected override string Noun => "source";

    protected override string Body(string name, string? slug = null) =>
        $$"""{ "kind": "person", "name": {{name}}, "role": { "en": "Minister" }{{SlugMember(slug)}} }""";

    protected override void Reference(Article article, Guid id) =>
        article.Quotes.Add(new Quote { SourceId = id, Text = new() { En = "We said it." } });

    [Fact]
    public async Task Create_UnknownKind_Returns400()
    {
        var response = await SendAsync(Admin, HttpMethod.Post, Route, """{ "kind": "robot", "name": { "en": "R2" } }""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("kind", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_WhileNamedAsOutlet_Returns409()
    {
        var outlet = await CreateAsync("""{ "kind": "outlet", "name": { "en": "Xinhua" } }""");
        var speaker = await CreateAsync("""{ "kind": "person", "name": { "en": "Speaker" } }""");
        await using (var db = CreateDbContext())
        {
            var ids = db.Sources.Where(s => s.Slug == outlet || s.Slug == speaker).ToDictionary(s => s.Slug, s => s.Id);
            var article = new Article { Slug = "quoting", OriginalLanguage = "en", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
            article.Quotes.Add(new Quote { SourceId = ids[speaker], OutletId = ids[outlet], Text = new() { En = "Quoted." } });
            db.Articles.Add(article);
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Conflict, (await Admin.DeleteAsync($"{Route}/{outlet}")).StatusCode);
    }

    [Fact]
    public async Task Replace_WithoutRole_ClearsIt()
    {
        var slug = await CreateAsync(Body("""{ "en": "Has role" }"""));
        await SendAsync(Admin, HttpMethod.Put, $"{Route}/{slug}", """{ "kind": "organization", "name": { "en": "Has role" } }""", "\"1\"");

        using var json = await ReadAsync(await Admin.GetAsync($"{Route}/{slug}"));
        Assert.Equal("organization", json.RootElement.GetProperty("kind").GetString());
        Assert.Empty(json.RootElement.GetProperty("role").EnumerateObject());
    }
}
