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
        start.Environment["Commentary__Database__LocalDirectory"] = clusterDirectory;
        start.Environment["Commentary__Database__MigrateOnStartup"] = "true";
        start.Environment["Commentary__Database__ImportSample"] = importSample ? "true" : "false";
        start.Environment.Remove("ConnectionStrings__Commentary");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
