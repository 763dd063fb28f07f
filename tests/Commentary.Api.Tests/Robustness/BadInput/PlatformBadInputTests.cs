using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Robustness.BadInput;

/// <summary>Hostile input against the operations of the Platform area (health checks).</summary>
public sealed class PlatformBadInputTests(ApiFixture fixture) : BadInputTest(fixture)
{
    [Fact]
    public Task HostileInput_OnEveryPlatformOperation_Is4xxProblemOrHarmless_AndWritesNothing() => ProbeAreaAsync(ApiArea.Platform);
}
