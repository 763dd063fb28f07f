using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Robustness.BadInput;

/// <summary>Hostile input against the operations of the Editorial area (managing articles and taxonomy).</summary>
public sealed class EditorialBadInputTests(ApiFixture fixture) : BadInputTest(fixture)
{
    [Fact]
    public Task HostileInput_OnEveryEditorialOperation_Is4xxProblemOrHarmless_AndWritesNothing() => ProbeAreaAsync(ApiArea.Editorial);
}
