using System.Net;
using System.Net.Sockets;

namespace Commentary.Api.Partners.Webhooks;

/// <summary>
/// The SSRF guard: which URLs may be registered and which addresses may be connected to. Checked at registration and
/// again at connect time on the address actually dialled, so DNS rebinding and numeric host spellings gain nothing.
/// </summary>
public static class WebhookTargets
{
    public const int UrlMaxLength = 2_000;

    /// <summary>Why <paramref name="url"/> cannot be registered, or null when it can.</summary>
    public static async Task<string?> RefusalAsync(string url, bool allowPrivate, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "must be an absolute http or https URL.";
        }

        if (uri.UserInfo.Length > 0 || AuthorityOf(url).Contains('@', StringComparison.Ordinal))
        {
            return "must not contain credentials (user info).";
        }

        if (allowPrivate)
        {
            return null;
        }

        var host = uri.IdnHost.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "must not point to this machine (localhost).";
        }

        if (IPAddress.TryParse(host, out var literal))
        {
            return IsForbidden(literal) ? "must not point to a loopback, private, link-local or otherwise internal address." : null;
        }

        // No real top-level domain is numeric: a host like 127.1 or 0x7f.1 that slipped past parsing is an address in disguise.
        var lastLabel = host[(host.LastIndexOf('.') + 1)..];
        if (lastLabel.Length == 0 || lastLabel.All(char.IsAsciiDigit) || lastLabel.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return "must use a host name or a plain public IP address.";
        }

        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
        }
        catch (ArgumentException)
        {
            return "does not have a valid host name.";
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Not resolvable yet: nothing to refuse now; the connect-time check guards every delivery.
            return null;
        }

        return addresses.Any(IsForbidden) ? "resolves to a loopback, private, link-local or otherwise internal address." : null;
    }

    private static string AuthorityOf(string url)
    {
        var start = url.IndexOf("//", StringComparison.Ordinal) + 2;
        var end = url.IndexOfAny(['/', '?', '#'], start);
        return end < 0 ? url[start..] : url[start..end];
    }

    /// <summary>Loopback, private, CGNAT, link-local (cloud metadata), unspecified, multicast, ULA and the like.</summary>
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => (b[1] & 0xC0) == 64,
                169 => b[1] == 254,
                172 => (b[1] & 0xF0) == 16,
                192 => b[1] == 168 || (b[1] == 0 && b[2] == 0),
                198 => (b[1] & 0xFE) == 18,
                >= 224 => true,
                _ => false,
            };
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }

        var bytes = address.GetAddressBytes();
        if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6Any.Equals(address)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (bytes[0] & 0xFE) == 0xFC)
        {
            return true;
        }

        // Addresses that embed an IPv4 one: IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
        if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 || (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b))
        {
            return IsForbidden(new IPAddress(bytes.AsSpan(12, 4)));
        }

        return bytes[0] == 0x20 && bytes[1] == 0x02 && IsForbidden(new IPAddress(bytes.AsSpan(2, 4)));
    }

    /// <summary>
    /// Resolves once, drops forbidden addresses and connects to exactly the address it checked: there is no second
    /// lookup that a rebinding DNS server could answer differently.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = allowPrivate ? addresses : addresses.Where(a => !IsForbidden(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"Refused to connect to {host}: it resolves only to internal addresses.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(allowed[0], context.DnsEndPoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
