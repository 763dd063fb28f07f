using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Robustness;

/// <summary>
/// What Kestrel itself refuses, before the app sees a request, sent as raw bytes to a real process (the test server has
/// no HTTP parser): each gets a 4xx and a closed connection that says so, and the server answers the next client.
/// Kestrel writes these answers with an empty body: their format is not customisable (aspnet/KestrelHttpServer#2947).
/// </summary>
public sealed class KestrelLevelTests(ApiFixture fixture) : ApiTest(fixture)
{
    private Process? _api;
    private string _url = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _api = ApiProcess.StartOn(Fixture.Database.ConnectionString, out _url);
        await ApiProcess.WaitUntilReadyAsync(_url, _api);
    }

    public override async Task DisposeAsync()
    {
        if (_api is { HasExited: false })
        {
            _api.Kill();
            await _api.WaitForExitAsync();
        }

        _api?.Dispose();
        await base.DisposeAsync();
    }

    public static TheoryData<string, string, int> Malformed => new()
    {
        { "a request line that is not HTTP", "HELLO\r\n\r\n", 400 },
        { "an unknown HTTP version", "GET /api/articles HTTP/9.9\r\nHost: x\r\n\r\n", 505 },
        { "no Host header", "GET /api/articles HTTP/1.1\r\n\r\n", 400 },
        { "a NUL byte in the target", "GET /api/art\0icles HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "a space before a header's colon", "GET /api/articles HTTP/1.1\r\nHost: x\r\nX-Note : a\r\n\r\n", 400 },
        { "a header without a colon", "GET /api/articles HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n", 400 },
        { "headers over 32 KiB", $"GET /api/articles HTTP/1.1\r\nHost: x\r\nX-Big: {new string('a', 40_000)}\r\n\r\n", 431 },
        { "a request line over 8 KiB", $"GET /api/articles?q={new string('a', 9_000)} HTTP/1.1\r\nHost: x\r\n\r\n", 414 },
        { "a Content-Length that is not a number", "POST /api/manage/articles HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400 },
        { "two different Content-Lengths", "POST /api/manage/articles HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400 },
        { "a chunk size that is not hexadecimal", "POST /api/manage/articles HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nAuthorization: Bearer " + CommentaryApiFactory.AdminKey + "\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400 },
        { "a declared body over the limit", "POST /api/manage/articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + CommentaryApiFactory.AdminKey + "\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{", 413 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task RefusedByKestrel_IsA4xx_ThatClosesTheConnectionAndSaysSo(string what, string request, int expected)
    {
        var (status, headers, closed) = await SendRawAsync(request);

        Assert.True(status == expected, $"{what}: {status}, expected {expected}\n{headers}");
        Assert.True(closed, $"{what}: the connection stayed open");
        Assert.True(headers.Contains("connection: close", StringComparison.OrdinalIgnoreCase), $"{what}: no Connection: close\n{headers}");
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{_url}/health/live")).StatusCode);
    }

    [Fact]
    public async Task AfterA413_AKeepAliveClientsNextRequestSucceeds()
    {
        // Expect: 100-continue, as clients send large bodies: the 413 comes before the body, on a connection that then closes.
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", CommentaryApiFactory.AdminKey);
        http.DefaultRequestHeaders.ExpectContinue = true;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var tooLarge = await http.PostAsync($"{_url}/api/manage/articles",
                new StringContent(new string('a', 1_100_000), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            Assert.True(tooLarge.Headers.ConnectionClose, "a 413 must say Connection: close");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{_url}/api/manage/articles")).StatusCode);
        }
    }

    /// <summary>Writes <paramref name="request"/> as Latin-1 bytes; reads the status line, the headers and whether the server then closed.</summary>
    private async Task<(int Status, string Headers, bool Closed)> SendRawAsync(string request)
    {
        var uri = new Uri(_url);
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        var stream = client.GetStream();
        stream.ReadTimeout = 10_000;
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        }
        catch (IOException)
        {
            // Kestrel may answer and close before it has read all of an oversized request.
        }

        var received = new MemoryStream();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var closed = false;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }

            closed = true;
        }
        catch (IOException)
        {
            closed = true; // reset after the answer: closed, if not gracefully
        }
        catch (OperationCanceledException)
        {
        }

        var text = Encoding.Latin1.GetString(received.ToArray());
        var head = text.Length > 2000 ? text[..2000] : text;
        var status = head.Length > 12 && int.TryParse(head.AsSpan(9, 3), out var code) ? code : 0;
        return (status, head, closed);
    }
}
