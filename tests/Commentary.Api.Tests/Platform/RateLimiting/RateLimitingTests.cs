using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Commentary.Api.Tests.Platform.RateLimiting;

public sealed class RateLimitingTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const int Limit = 3;

    [Fact]
    public async Task KeyOverItsLimit_Gets429WithRetryAfter_AnotherKeyDoesNot()
    {
        await using var factory = LimitedFactory();
        var first = ClientWithKey(factory, await Factory.CreateKeyAsync(Roles.Editor, "first"));
        var second = ClientWithKey(factory, await Factory.CreateKeyAsync(Roles.Editor, "second"));

        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/manage/topics")).StatusCode);
        }

        var refused = await first.GetAsync("/api/manage/topics");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 }, refused.Headers.RetryAfter?.ToString());
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("rate_limited", problem.RootElement.GetProperty("errorCode").GetString());

        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/manage/topics")).StatusCode);
    }

    [Fact]
    public async Task AnonymousOverItsLimit_Gets429_HealthStaysExempt()
    {
        await using var factory = LimitedFactory();
        var anonymous = factory.CreateClient();

        for (var i = 0; i < Limit; i++)
        {
            await anonymous.GetAsync("/api/articles/none");
        }

        var refused = await anonymous.GetAsync("/api/articles/none");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ClientWithKey(factory, CommentaryApiFactory.AdminKey).GetAsync("/api/manage/keys")).StatusCode);
    }

    private WebApplicationFactory<Program> LimitedFactory() => Factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Commentary:RateLimits:AnonymousPerWindow", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Commentary:RateLimits:PerKeyPerWindow", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Commentary:RateLimits:WindowSeconds", "60");
    });

    private static HttpClient ClientWithKey(WebApplicationFactory<Program> factory, string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
