using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Commentary.Api.Tests.Infrastructure;

/// <summary>The API as `dotnet run` starts it: a real process with no connection string, on a private cluster of its own.</summary>
public static class ApiProcess
{
    /// <param name="clusterDirectory">Where the process provisions (or adopts) its cluster.</param>
    /// <param name="importSample">Whether it migrates and imports the sample at startup (slower) or only migrates.</param>
    /// <param name="url">The loopback address it listens on.</param>
    public static Process Start(string clusterDirectory, bool importSample, out string url)
    {
        var start = StartInfo(out url);
        start.Environment["Commentary__Database__LocalDirectory"] = clusterDirectory;
        start.Environment["Commentary__Database__MigrateOnStartup"] = "true";
        start.Environment["Commentary__Database__ImportSample"] = importSample ? "true" : "false";
        start.Environment.Remove("ConnectionStrings__Commentary");
        return Run(start);
    }

    /// <summary>The API as deployed behind nothing: real Kestrel on a database that exists (the suite's), with the suite's admin key.</summary>
    public static Process StartOn(string connectionString, out string url)
    {
        var start = StartInfo(out url);
        start.Environment["ConnectionStrings__Commentary"] = connectionString;
        start.Environment["Commentary__BootstrapAdminKey"] = CommentaryApiFactory.AdminKey;
        start.Environment["Commentary__Database__MigrateOnStartup"] = "false";
        start.Environment["Commentary__Database__ImportSample"] = "false";
        return Run(start);
    }

    private static ProcessStartInfo StartInfo(out string url)
    {
        url = $"http://127.0.0.1:{FreeLoopbackPort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Commentary.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        return start;
    }

    private static Process Run(ProcessStartInfo start)
    {
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until <paramref name="api"/> answers <c>/health/ready</c> with 200; fails the test when it exits first.</summary>
    public static async Task WaitUntilReadyAsync(string url, Process api)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(api.HasExited, $"the API exited with code {(api.HasExited ? api.ExitCode : 0)}");
            try
            {
                if ((await http.GetAsync($"{url}/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        Assert.Fail("the API did not become ready within 90 s");
    }

    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
