using System.Globalization;
using System.Net;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Commentary.Api.Tests.Platform.RateLimiting;

/// <summary>With Redis, every instance spends one budget per caller; with Redis hanging, each instance counts its own and nobody gets a 5xx.</summary>
public sealed class SharedRateLimitTests(ApiFixture fixture, TestRedis redis) : ApiTest(fixture), IClassFixture<TestRedis>
{
    private const int Limit = 4;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await redis.FlushAsync();
    }

    [Fact]
    public async Task TwoInstances_SpendOneBudget()
    {
        await using var one = LimitedInstance();
        await using var two = LimitedInstance();
        var (first, second) = (one.CreateClient(), two.CreateClient());

        for (var i = 0; i < Limit / 2; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync("/api/articles/none")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync("/api/articles/none")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync("/api/articles/none")).StatusCode);
        var refused = await second.GetAsync("/api/articles/none");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task RedisHanging_EachInstanceCountsItsOwn_NoServerErrors()
    {
        await using var one = LimitedInstance();
        var client = one.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/articles/none")).StatusCode);

        redis.Freeze();
        try
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < Limit + 2; i++)
            {
                statuses.Add((await client.GetAsync("/api/articles/none")).StatusCode);
            }

            Assert.All(statuses, status => Assert.True((int)status < 500, status.ToString()));
            Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        }
        finally
        {
            redis.Thaw();
        }
    }

    private WebApplicationFactory<Program> LimitedInstance() => Factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("ConnectionStrings:Redis", redis.ConnectionString);
        builder.UseSetting("Commentary:RateLimits:AnonymousPerWindow", Limit.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Commentary:RateLimits:WindowSeconds", "60");
    });
}
