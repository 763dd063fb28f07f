using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Commentary.Api.Platform.Http;

/// <summary>
/// <c>Commentary:ForwardedHeaders</c>: the proxies (load balancers) whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed. Off while neither list names one: a forwarded header from anyone else is the
/// caller's to forge, so it never decides who a request comes from.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Addresses of trusted proxies (e.g. <c>10.0.0.5</c>).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form (e.g. <c>10.0.0.0/8</c>).</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row are trusted (entries read from the right of X-Forwarded-For).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool Enabled => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

/// <summary>Who a request comes from: the connection's peer, or the client a trusted proxy forwards for.</summary>
public static class ClientAddresses
{
    public static IServiceCollection AddClientAddresses(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("Commentary:ForwardedHeaders").Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        services.AddSingleton(settings);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = Math.Max(1, settings.ForwardLimit);
            // ASP.NET Core trusts loopback by default; only what the operator names is trusted here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so the rate limiter, logs and everything after see the real client.</summary>
    public static WebApplication UseClientAddresses(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ForwardedHeadersSettings>().Enabled)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    /// <summary>Whether <paramref name="address"/> is one of <paramref name="entries"/> (addresses or CIDR networks).</summary>
    public static bool IsAmong(IPAddress? address, IReadOnlyList<string> entries)
    {
        if (address is null || entries.Count == 0)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var entry in entries)
        {
            if (entry.Contains('/', StringComparison.Ordinal)
                ? System.Net.IPNetwork.TryParse(entry, out var network) && network.Contains(address)
                : IPAddress.TryParse(entry, out var single) && single.Equals(address))
            {
                return true;
            }
        }

        return false;
    }
}
