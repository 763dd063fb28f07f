using System.Net;
using System.Text.Json;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Delivery.Taxonomy;

public sealed class GetAuthorTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => _seed ??= new ContentSeeder(Factory.Services);
    private ContentSeeder? _seed;

    [Fact]
    public async Task Author_WithLocalizedNameAndOnlyPublishedArticles()
    {
        var author = await Seed.AuthorAsync("wang", ContentSeeder.Text("Wang Wei", "王伟", "王偉"));
        await Seed.SimpleAsync("published", "Published", authors: [author.Id]);
        var withdrawn = await Seed.SimpleAsync("withdrawn", "Withdrawn", authors: [author.Id]);
        await Seed.UnpublishAsync(withdrawn);

        var page = JsonDocument.Parse(await Anonymous.GetStringAsync("/api/authors/wang?lang=zh-HK")).RootElement;

        Assert.Equal("王偉", page.GetProperty("name").GetString());
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("published", item.GetProperty("slug").GetString());
        // Inside an item, names follow the language the item is served in (here the English fallback), like the article page.
        Assert.Equal("en", item.GetProperty("language").GetString());
        Assert.Equal("Wang Wei", item.GetProperty("authors")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task UnknownAuthor_Returns404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync("/api/authors/nobody")).StatusCode);
    }
}
