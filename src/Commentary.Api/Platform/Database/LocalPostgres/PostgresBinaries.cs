namespace Commentary.Api.Platform.Database.LocalPostgres;

/// <summary>Finds the PostgreSQL server programs: on PATH first, then in Debian's /usr/lib/postgresql/&lt;version&gt;/bin.</summary>
public static class PostgresBinaries
{
    public const string MissingMessage =
        "PostgreSQL server programs (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin. " +
        "Either install the PostgreSQL server package (for example `apt-get install postgresql`), " +
        "or set the connection string ConnectionStrings__Commentary to an existing database, " +
        "or start one with `docker compose up`.";

    public static string? FindBinDirectory() => FindBinDirectory(Environment.GetEnvironmentVariable("PATH") ?? "", "/usr/lib/postgresql");

    internal static string? FindBinDirectory(string path, string debianRoot)
    {
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasServerPrograms(directory))
            {
                return directory;
            }
        }

        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        return Directory.GetDirectories(debianRoot)
            .Select(d => (Directory: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(c => HasServerPrograms(c.Directory))
            .OrderByDescending(c => c.Version)
            .Select(c => c.Directory)
            .FirstOrDefault();
    }

    /// <summary>
    /// A program of the same installation as the server programs found: in their folder, or beside what pg_ctl links
    /// to (PATH may hold links to initdb and pg_ctl alone, as /usr/local/bin does here).
    /// </summary>
    public static string ProgramPath(string binDirectory, string program)
    {
        var path = Path.Combine(binDirectory, program);
        if (File.Exists(path))
        {
            return path;
        }

        var pgCtl = new FileInfo(Path.Combine(binDirectory, "pg_ctl"));
        return pgCtl.ResolveLinkTarget(returnFinalTarget: true) is { } target
            ? Path.Combine(Path.GetDirectoryName(target.FullName)!, program)
            : path;
    }

    private static bool HasServerPrograms(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));
}
