using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Robustness.BadInput;

/// <summary>The area suites together cover the whole OpenAPI document, each operation once, with as many probes as one suite did.</summary>
public sealed class AreaCoverageTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task EveryOperation_BelongsToExactlyOneArea()
    {
        var operations = await ApiOperation.ReadAsync(Anonymous);
        var misplaced = operations
            .Select(o => (o.Name, Owners: ApiArea.All.Where(a => a.Owns(o)).Select(a => a.Name).ToList()))
            .Where(o => o.Owners.Count != 1)
            .Select(o => $"{o.Name}: {(o.Owners.Count == 0 ? "no area" : string.Join(", ", o.Owners))}")
            .ToList();
        Assert.True(misplaced.Count == 0, $"every operation needs exactly one area in {nameof(ApiArea)}:\n" + string.Join("\n", misplaced));

        var empty = ApiArea.All.Where(a => !operations.Any(a.Owns)).Select(a => a.Name).ToList();
        Assert.True(empty.Count == 0, "areas without operations (stale prefixes): " + string.Join(", ", empty));
    }

    [Fact]
    public void AreaMinimums_AddUpToTheWholeDocumentsMinimum() =>
        Assert.True(ApiArea.All.Sum(a => a.MinimumProbes) > 1200, "the area minimums together must still demand more than 1,200 probes");
}
