using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Robustness.BadInput;

/// <summary>Hostile input against the operations of the Partners area (feeds, sitemaps, partner sync and webhooks).</summary>
public sealed class PartnersBadInputTests(ApiFixture fixture) : BadInputTest(fixture)
{
    [Fact]
    public Task HostileInput_OnEveryPartnersOperation_Is4xxProblemOrHarmless_AndWritesNothing() => ProbeAreaAsync(ApiArea.Partners);
}
