using Commentary.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Platform.Authorization;

/// <summary>Reads the route table itself, so that a management route mapped without a role is caught before anyone calls it.</summary>
public sealed class EndpointAuthorizationTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public void EveryManagementAndPartnerRoute_RequiresARoleAndIsNeverAnonymous()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } route && (route.StartsWith("/api/manage", StringComparison.Ordinal) || route.StartsWith("/api/partner", StringComparison.Ordinal)))
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, endpoint =>
        {
            Assert.True(endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null, $"{endpoint.DisplayName} allows anonymous calls.");
            Assert.True(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null), $"{endpoint.DisplayName} names no role policy.");
        });
    }
}
