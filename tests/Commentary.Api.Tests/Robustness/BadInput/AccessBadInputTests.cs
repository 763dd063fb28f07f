using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Robustness.BadInput;

/// <summary>Hostile input against the operations of the Access area (API keys).</summary>
public sealed class AccessBadInputTests(ApiFixture fixture) : BadInputTest(fixture)
{
    [Fact]
    public Task HostileInput_OnEveryAccessOperation_Is4xxProblemOrHarmless_AndWritesNothing() => ProbeAreaAsync(ApiArea.Access);
}
