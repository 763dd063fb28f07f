using System.Net;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Platform.RateLimiting;

/// <summary>
/// Who a request comes from: the connection's peer, or (only from configured proxies) the client it forwards for; and
/// configured frontends, which read with a limit of their own. The peer is set per request by the test (<see cref="PeerHeader"/>).
/// </summary>
public sealed class ClientAddressTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const string PeerHeader = "X-Test-Peer";
    private const int Limit = 3;

    [Fact]
    public async Task BehindATrustedProxy_EachForwardedClientHasItsOwnBucket()
    {
        await using var app = App(("Commentary:ForwardedHeaders:KnownProxies:0", "10.0.0.1"));
        var client = app.CreateClient();

        for (var i = 0; i < Limit; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await GetAsync(client, peer: "10.0.0.1", forwardedFor: "203.0.113.5"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(client, peer: "10.0.0.1", forwardedFor: "203.0.113.5"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await GetAsync(client, peer: "10.0.0.1", forwardedFor: "203.0.113.6"));
    }

    [Fact]
    public async Task ForwardedFor_FromAnUntrustedPeer_IsIgnored()
    {
        await using var app = App(("Commentary:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8"));
        var client = app.CreateClient();

        for (var i = 0; i < Limit; i++)
        {
            await GetAsync(client, peer: "198.51.100.9", forwardedFor: $"203.0.113.{i}");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(client, peer: "198.51.100.9", forwardedFor: "203.0.113.200"));
    }

    [Fact]
    public async Task ForwardedHeaders_AreOffByDefault_EvenFromLoopback()
    {
        await using var app = App();
        var client = app.CreateClient();

        for (var i = 0; i < Limit; i++)
        {
            await GetAsync(client, peer: "127.0.0.1", forwardedFor: $"203.0.113.{i}");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(client, peer: "127.0.0.1", forwardedFor: "203.0.113.200"));
    }

    [Fact]
    public async Task TrustedFrontend_ReadsPastTheAnonymousLimit_FromTheOutputCache()
    {
        await new ContentSeeder(Factory.Services).SimpleAsync("page", "Page");
        await using var app = App(("Commentary:RateLimits:TrustedFrontends:0", "192.0.2.0/24"), ("Commentary:RateLimits:FrontendPerWindow", "20"));
        var client = app.CreateClient();

        for (var i = 0; i < 10; i++)
        {
            using var request = Request(peer: "192.0.2.7", forwardedFor: null);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (i > 0)
            {
                Assert.NotNull(response.Headers.Age); // answered by the output cache: the frontend sends no key
            }
        }

        // Other clients keep the anonymous limit.
        for (var i = 0; i < Limit; i++)
        {
            await GetAsync(client, peer: "198.51.100.1", forwardedFor: null);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(client, peer: "198.51.100.1", forwardedFor: null));
    }

    private WebApplicationFactory<Program> App(params (string Key, string Value)[] settings) => Factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Commentary:RateLimits:AnonymousPerWindow", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Commentary:RateLimits:WindowSeconds", "60");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerFromHeader>());
    });

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string peer, string? forwardedFor)
    {
        using var request = Request(peer, forwardedFor);
        return (await client.SendAsync(request)).StatusCode;
    }

    private static HttpRequestMessage Request(string peer, string? forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/articles/page");
        request.Headers.Add(PeerHeader, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return request;
    }

    /// <summary>TestServer has no socket: the connection's peer address is the one the test names.</summary>
    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate inner) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader].ToString(), out var peer))
                {
                    context.Connection.RemoteIpAddress = peer;
                }

                return inner(context);
            });
            next(app);
        };
    }
}
