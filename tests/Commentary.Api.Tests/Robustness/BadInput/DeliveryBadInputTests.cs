using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Robustness.BadInput;

/// <summary>Hostile input against the operations of the Delivery area (the public read API).</summary>
public sealed class DeliveryBadInputTests(ApiFixture fixture) : BadInputTest(fixture)
{
    [Fact]
    public Task HostileInput_OnEveryDeliveryOperation_Is4xxProblemOrHarmless_AndWritesNothing() => ProbeAreaAsync(ApiArea.Delivery);
}
