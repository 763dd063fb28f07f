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

    private static bool HasServerPrograms(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));
}
