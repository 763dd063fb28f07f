using System.Globalization;

namespace Commentary.Api.Platform.Database.LocalPostgres;

/// <summary>
/// Throwaway clusters left behind by a process that died without stopping them (a test run killed mid-way): each
/// sweep stops their servers and deletes their folders. A cluster whose owner process is alive is never touched.
/// </summary>
public static class AbandonedClusters
{
    /// <summary>
    /// How long a folder with no owner file is left alone: it may belong to a process that is starting the cluster
    /// (the owner file comes after the server is up) or has just stopped it and is deleting the folder.
    /// </summary>
    public static readonly TimeSpan OwnerlessGracePeriod = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Sweeps the folders <c>{parent}/{prefix}*</c> laid out by <see cref="LocalPostgresCluster.StartAsync"/> (the cluster
    /// folder beside its <c>.lock</c> and <c>.owner</c> files). Returns the folders removed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SweepAsync(string parent, string prefix, CancellationToken cancellationToken = default)
    {
        var removed = new List<string>();
        if (!Directory.Exists(parent) || PostgresBinaries.FindBinDirectory() is not { } binDirectory)
        {
            return removed;
        }

        foreach (var folder in Directory.EnumerateDirectories(parent, prefix + "*"))
        {
            try
            {
                if (await TryRemoveAsync(folder, Path.Combine(binDirectory, "pg_ctl"), cancellationToken))
                {
                    removed.Add(folder);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Held by a process starting it, removed by another sweep meanwhile, or not ours to delete: leave it.
            }
        }

        return removed;
    }

    private static async Task<bool> TryRemoveAsync(string folder, string pgCtl, CancellationToken cancellationToken)
    {
        var lockFiles = Directory.GetFiles(folder, "*.lock");
        if (lockFiles.Length == 0 || !lockFiles.All(IsAbandoned))
        {
            return false;
        }

        var locks = new List<FileStream>();
        try
        {
            foreach (var lockFile in lockFiles)
            {
                // Held: a process is starting (or adopting) this cluster right now.
                locks.Add(new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None));
            }

            // Again under the locks: a start that finished in between has written its owner.
            if (!lockFiles.All(IsAbandoned))
            {
                return false;
            }

            foreach (var lockFile in lockFiles)
            {
                var clusterDirectory = Path.ChangeExtension(lockFile, null);
                var link = new DirectoryInfo(clusterDirectory);
                var dataDirectory = link.LinkTarget is null ? clusterDirectory : link.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? clusterDirectory;
                if (!await EnsureStoppedAsync(pgCtl, dataDirectory, cancellationToken))
                {
                    return false;
                }

                if (dataDirectory != clusterDirectory && Directory.Exists(dataDirectory))
                {
                    Directory.Delete(dataDirectory, recursive: true);
                }
            }

            Directory.Delete(folder, recursive: true);
            return true;
        }
        finally
        {
            foreach (var held in locks)
            {
                await held.DisposeAsync();
            }
        }
    }

    private static bool IsAbandoned(string lockFile)
    {
        var ownerFile = Path.ChangeExtension(lockFile, ".owner");
        if (File.Exists(ownerFile)
            && int.TryParse(File.ReadAllText(ownerFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            // OwnerIsAlive does not count this process (its own restart is no conflict); a sweep must spare its clusters too.
            return pid != Environment.ProcessId && !LocalPostgresCluster.OwnerIsAlive(ownerFile);
        }

        // No owner (or one still being written): abandoned only once nothing has changed in the folder for a while.
        return DateTime.UtcNow - Directory.GetLastWriteTimeUtc(Path.GetDirectoryName(lockFile)!) > OwnerlessGracePeriod;
    }

    /// <summary>Stops the server if one runs on <paramref name="dataDirectory"/>; false when it is still running after.</summary>
    private static async Task<bool> EnsureStoppedAsync(string pgCtl, string dataDirectory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(dataDirectory) || (await ProcessRunner.RunAsync(pgCtl, ["status", "-D", dataDirectory], cancellationToken)).ExitCode != 0)
        {
            return true;
        }

        // Immediate: nobody needs what a throwaway cluster holds.
        await ProcessRunner.RunAsync(pgCtl, ["stop", "-D", dataDirectory, "-m", "immediate", "-w", "-t", "30"], cancellationToken);
        return (await ProcessRunner.RunAsync(pgCtl, ["status", "-D", dataDirectory], cancellationToken)).ExitCode != 0;
    }
}
