using System.Diagnostics;
using StackExchange.Redis;

namespace Commentary.Api.Tests.Infrastructure;

/// <summary>
/// A real Redis (Debian's redis-server, which .ci/run installs when missing) on a free loopback port, nothing kept on
/// disk; one per test class. <see cref="Freeze"/> stops the process without losing what it holds, as a hung or
/// partitioned Redis behaves; <see cref="Thaw"/> lets it go on.
/// </summary>
public sealed class TestRedis : IAsyncLifetime
{
    private Process? _server;
    private ConnectionMultiplexer? _admin;

    public string ConnectionString { get; private set; } = "";

    public IDatabase Database => _admin!.GetDatabase();

    public async Task InitializeAsync()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: apt-get install redis-server (.ci/run does it).");
        var port = ApiProcess.FreeLoopbackPort();
        var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(argument);
        }

        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        ConnectionString = $"127.0.0.1:{port}";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _admin = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",allowAdmin=true,connectTimeout=500");
                await _admin.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (attempt < 40)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Empties Redis between tests.</summary>
    public Task FlushAsync() => _admin!.GetServers()[0].FlushAllDatabasesAsync();

    public void Freeze() => Signal("STOP");

    public void Thaw() => Signal("CONT");

    public async Task DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }

        if (_server is { HasExited: false })
        {
            Thaw();
            _server.Kill();
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _server!.Id.ToString()]);
        kill.WaitForExit();
    }
}
