using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Commentary.Api.Platform.Database.LocalPostgres;

/// <summary>What the cluster keeps beside its data: where it lives, its password, its port, who owns it, and the start lock.</summary>
public sealed partial class LocalPostgresCluster
{
    private static string ResolveDataDirectory(string requestedDirectory)
    {
        var info = new DirectoryInfo(requestedDirectory);
        if (info.LinkTarget is { } target)
        {
            Directory.CreateDirectory(target);
            return target;
        }

        if (ProcessRunner.RunsAsRoot && !info.Exists && !ProcessRunner.PostgresCanEnter(Path.GetDirectoryName(requestedDirectory)!))
        {
            // The server runs as the postgres user, who cannot enter a checkout under /root: keep the cluster where it
            // can, and leave a symlink at the requested place so the next start finds it.
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requestedDirectory)))[..12];
            var outside = Path.Combine("/var/tmp", $"commentary-postgres-{hash}");
            Directory.CreateDirectory(outside);
            Directory.CreateSymbolicLink(requestedDirectory, outside);
            return outside;
        }

        Directory.CreateDirectory(requestedDirectory);
        return requestedDirectory;
    }

    private static string ReadOrCreatePassword(string path, string? password)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        password ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, password);
        RestrictToOwner(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return password;
    }

    private static void RestrictToOwner(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    private static int? ReadPortFromPidFile(string dataDirectory)
    {
        // postmaster.pid: pid, data directory, start time, port, ... (one value a line).
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3].Trim(), out var port) ? port : null;
    }

    /// <summary>Whether the owner file names another process that is still running.</summary>
    internal static bool OwnerIsAlive(string ownerFile)
    {
        if (!File.Exists(ownerFile) || !int.TryParse(File.ReadAllText(ownerFile).Trim(), out var pid) || pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The port of the previous start when it is still free (clients keep working across restarts), else a new one.</summary>
    private static int PreferredPort(string portFile)
    {
        if (File.Exists(portFile) && int.TryParse(File.ReadAllText(portFile).Trim(), out var previous) && IsFree(previous))
        {
            return previous;
        }

        var port = FreeLoopbackPort();
        File.WriteAllText(portFile, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<FileStream> AcquireStartLockAsync(string path, CancellationToken cancellationToken)
    {
        // Two processes starting at once (an API and a test run on the same folder) must not both run initdb.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }
}
