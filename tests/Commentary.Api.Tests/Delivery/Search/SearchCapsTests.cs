using System.Text.Json;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Delivery.Search;

/// <summary>The structural caps that bound what one anonymous search can cost.</summary>
public sealed class SearchCapsTests(ApiFixture fixture) : ApiTest(fixture)
{
    /// <summary>Many frequent terms ORed together would match (and rank, and render) much of the catalogue: only the first are searched.</summary>
    [Fact]
    public async Task TermsPastTheCap_AreNotSearched()
    {
        var seed = new ContentSeeder(Factory.Services);
        await seed.SimpleAsync("first", "Alpha", "alpha");
        await seed.SimpleAsync("last", "Omega", "omega");
        // 36 terms (joined by 35 "or"s: 71 words) fit in the 256 characters a query may use; the cap is 32 words.
        var words = Enumerable.Range(0, 36).Select(i => $"k{i}").ToList();
        words[0] = "alpha";
        words[^1] = "omega";

        using var page = JsonDocument.Parse(await Anonymous.GetStringAsync("/api/search?q=" + Uri.EscapeDataString(string.Join(" or ", words))));

        var slugs = page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("article").GetProperty("slug").GetString()).ToList();
        Assert.Equal(["first"], slugs);
        Assert.True(string.Join(" or ", words).Length <= 256);
    }
}
