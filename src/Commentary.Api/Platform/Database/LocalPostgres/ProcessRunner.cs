using System.Diagnostics;

namespace Commentary.Api.Platform.Database.LocalPostgres;

/// <summary>Runs a server program, as the <c>postgres</c> OS user when this process is root (PostgreSQL refuses root).</summary>
internal static class ProcessRunner
{
    public static bool RunsAsRoot => Environment.IsPrivilegedProcess;

    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (RunsAsRoot)
        {
            start.FileName = "runuser";
            foreach (var argument in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    public static async Task RunCheckedAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunAsync(program, arguments, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed with exit code {exitCode}: {output}");
        }
    }

    /// <summary>Hands a path to the postgres user, so the server it runs as can use it.</summary>
    public static async Task GiveToPostgresAsync(string path, CancellationToken cancellationToken)
    {
        if (!RunsAsRoot)
        {
            return;
        }

        var start = new ProcessStartInfo("chown") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add("-R");
        start.ArgumentList.Add("postgres:");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start chown.");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown postgres {path} failed: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
        }
    }

    /// <summary>Whether the postgres user can reach <paramref name="directory"/> (every ancestor searchable by others).</summary>
    public static bool PostgresCanEnter(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            if (current.Exists && !current.UnixFileMode.HasFlag(UnixFileMode.OtherExecute))
            {
                return false;
            }
        }

        return true;
    }
}
