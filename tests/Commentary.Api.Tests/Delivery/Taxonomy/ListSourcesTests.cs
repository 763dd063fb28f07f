using System.Text.Json;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Delivery.Taxonomy;

public sealed class ListSourcesTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => _seed ??= new ContentSeeder(Factory.Services);
    private ContentSeeder? _seed;

    private async Task<string[]> SlugsAsync(string query) =>
        JsonDocument.Parse(await Anonymous.GetStringAsync($"/api/sources?{query}")).RootElement
            .GetProperty("items").EnumerateArray().Select(s => s.GetProperty("slug").GetString()!).ToArray();

    [Fact]
    public async Task PrefixSearch_AnyLanguageAndWildcardsAreLiteral()
    {
        await Seed.SourceAsync("yue-gang", SourceKind.Person, ContentSeeder.Text("Yue Gang", "岳刚", "岳剛"));
        await Seed.SourceAsync("global-times", SourceKind.Outlet, ContentSeeder.Text("Global Times", "环球时报"));
        await Seed.SourceAsync("percent", SourceKind.Organization, ContentSeeder.Text("100% Institute"));
        await Seed.SourceAsync("under", SourceKind.Organization, ContentSeeder.Text("A_B Lab"));

        Assert.Equal(["global-times", "percent", "under", "yue-gang"], await SlugsAsync(""));
        Assert.Equal(["yue-gang"], await SlugsAsync("q=yue"));
        Assert.Equal(["yue-gang"], await SlugsAsync($"q={Uri.EscapeDataString("岳剛")}"));
        Assert.Equal(["global-times"], await SlugsAsync($"q={Uri.EscapeDataString("环球")}"));
        Assert.Equal(["percent"], await SlugsAsync($"q={Uri.EscapeDataString("100%")}"));
        Assert.Empty(await SlugsAsync($"q={Uri.EscapeDataString("%")}"));
        Assert.Empty(await SlugsAsync("q=_"));
        Assert.Equal(["under"], await SlugsAsync("q=A_"));
        Assert.Empty(await SlugsAsync($"q={Uri.EscapeDataString("\\")}"));
    }

    [Fact]
    public async Task Paging_BySlug()
    {
        foreach (var slug in new[] { "c", "a", "b" })
        {
            await Seed.SourceAsync(slug, SourceKind.Person, ContentSeeder.Text(slug.ToUpperInvariant()));
        }

        var first = JsonDocument.Parse(await Anonymous.GetStringAsync("/api/sources?limit=2")).RootElement;
        var cursor = Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!);
        Assert.Equal(["c"], await SlugsAsync($"limit=2&cursor={cursor}"));
    }
}
