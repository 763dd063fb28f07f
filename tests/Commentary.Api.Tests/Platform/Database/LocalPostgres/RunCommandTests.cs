using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Platform.Database.LocalPostgres;

/// <summary>
/// The API as `dotnet run` starts it, as a real process with no connection string: it provisions its private cluster,
/// migrates, imports the sample, survives SIGKILL (the next start adopts the running server) and stops the server on exit.
/// </summary>
public sealed class RunCommandTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"commentary-run-{Guid.NewGuid():N}");
    private string ClusterDirectory => Path.Combine(_root, "postgres");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (File.Exists(Path.Combine(ClusterDirectory, "postmaster.pid")))
        {
            // A failed test may leave the server running; stop it so the folder can go.
            await StopServerAsync();
        }

        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task NoConfiguration_ProvisionsServesSample_ReusesServerAfterSigkill_StopsItOnShutdown()
    {
        using (var first = StartApi(out var firstUrl))
        {
            await ApiProcess.WaitUntilReadyAsync(firstUrl, first);
            await AssertSampleServedAsync(firstUrl);
            var postmasterPid = PostmasterPid();

            first.Kill(); // SIGKILL: the server stays up, orphaned.
            await first.WaitForExitAsync();
            Assert.Equal(postmasterPid, PostmasterPid());

            using var second = StartApi(out var secondUrl);
            await ApiProcess.WaitUntilReadyAsync(secondUrl, second);
            Assert.Equal(postmasterPid, PostmasterPid());
            await AssertSampleServedAsync(secondUrl);

            using var term = Process.Start("kill", ["-TERM", second.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            await second.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.False(File.Exists(Path.Combine(ClusterDirectory, "postmaster.pid")), "the API should stop the server it adopted");
    }

    private Process StartApi(out string url) => ApiProcess.Start(ClusterDirectory, importSample: true, out url);

    private static async Task AssertSampleServedAsync(string url)
    {
        using var http = new HttpClient();
        var response = await http.GetAsync($"{url}/api/articles/sino-russian-defense-cooperation-reaches-new-heights");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotEmpty(json.RootElement.GetProperty("quotes").EnumerateArray());
    }

    private int PostmasterPid() => int.Parse(File.ReadLines(Path.Combine(ClusterDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    private async Task StopServerAsync()
    {
        var binaries = Commentary.Api.Platform.Database.LocalPostgres.PostgresBinaries.FindBinDirectory()!;
        var asRoot = Environment.IsPrivilegedProcess;
        var start = new ProcessStartInfo(asRoot ? "runuser" : Path.Combine(binaries, "pg_ctl")) { UseShellExecute = false };
        foreach (var argument in (asRoot ? new[] { "-u", "postgres", "--", Path.Combine(binaries, "pg_ctl") } : []).Concat(["stop", "-D", ClusterDirectory, "-m", "immediate"]))
        {
            start.ArgumentList.Add(argument);
        }

        using var stop = Process.Start(start)!;
        await stop.WaitForExitAsync();
    }
}
