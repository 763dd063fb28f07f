using System.Text;
using Npgsql;

namespace Commentary.Api.Platform.Database.LocalPostgres;

/// <summary>
/// A private PostgreSQL cluster in a folder of its own, for local runs and tests. It is created on first use,
/// reused afterwards (also when a previous API process died and left the server running), and stopped by
/// <see cref="StopAsync"/> when this process started or adopted it.
/// </summary>
public sealed partial class LocalPostgresCluster
{
    private const string Superuser = "commentary";

    private readonly string _binDirectory;
    private readonly string _stateDirectory;

    private LocalPostgresCluster(string binDirectory, string dataDirectory, string stateDirectory, int port, string password, bool owned)
    {
        _binDirectory = binDirectory;
        DataDirectory = dataDirectory;
        _stateDirectory = stateDirectory;
        Port = port;
        Password = password;
        OwnedByThisProcess = owned;
    }

    /// <summary>Where the cluster's files are (behind the symlink, when the requested folder was out of the postgres user's reach).</summary>
    public string DataDirectory { get; }
    public int Port { get; }
    private string Password { get; }

    /// <summary>False when another live API process started the server; then it is left running at stop.</summary>
    public bool OwnedByThisProcess { get; }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <param name="requestedDirectory">The cluster folder, for example <c>.data/postgres</c>.</param>
    /// <param name="durable">False for throwaway test clusters: fsync off buys speed, a crash may lose them.</param>
    public static Task<LocalPostgresCluster> StartAsync(string requestedDirectory, bool durable, CancellationToken cancellationToken = default) =>
        StartAsync(requestedDirectory, password: null,
            (binDirectory, dataDirectory, password, token) => InitializeAsync(binDirectory, dataDirectory, password, durable, token), cancellationToken);

    /// <summary>
    /// A hot standby of this cluster in <paramref name="requestedDirectory"/>, streaming from it through a replication
    /// slot of its own (so the primary keeps the WAL it has not received yet): made with <c>pg_basebackup -R</c> on first
    /// use, started on a free loopback port like any cluster. Restarting it later is <see cref="StartAsync(string, bool, CancellationToken)"/>
    /// on the same folder: <c>standby.signal</c> and <c>primary_conninfo</c> are in its files.
    /// </summary>
    public Task<LocalPostgresCluster> StartStandbyAsync(string requestedDirectory, CancellationToken cancellationToken = default) =>
        StartAsync(requestedDirectory, Password, (binDirectory, dataDirectory, _, token) => BaseBackupAsync(binDirectory, dataDirectory, SlotNameFor(requestedDirectory), token), cancellationToken);

    private static async Task<LocalPostgresCluster> StartAsync(
        string requestedDirectory, string? password, Func<string, string, string, CancellationToken, Task> initialize, CancellationToken cancellationToken)
    {
        var binDirectory = PostgresBinaries.FindBinDirectory() ?? throw new LocalPostgresUnavailableException(PostgresBinaries.MissingMessage);
        requestedDirectory = Path.GetFullPath(requestedDirectory);
        var stateDirectory = Path.GetDirectoryName(requestedDirectory)!;
        Directory.CreateDirectory(stateDirectory);

        // A state folder such as a private lock file must not be shared between clusters of different folders.
        using var startLock = await AcquireStartLockAsync(Path.Combine(stateDirectory, Path.GetFileName(requestedDirectory) + ".lock"), cancellationToken);

        var dataDirectory = ResolveDataDirectory(requestedDirectory);
        // A standby is a copy of its primary, roles and passwords included.
        password = ReadOrCreatePassword(Path.Combine(stateDirectory, Path.GetFileName(requestedDirectory) + ".password"), password);
        var pgCtl = Path.Combine(binDirectory, "pg_ctl");

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await initialize(binDirectory, dataDirectory, password, cancellationToken);
        }

        var ownerFile = Path.Combine(stateDirectory, Path.GetFileName(requestedDirectory) + ".owner");
        var (status, _) = await ProcessRunner.RunAsync(pgCtl, ["status", "-D", dataDirectory], cancellationToken);
        int port;
        bool owned;
        if (status == 0 && ReadPortFromPidFile(dataDirectory) is { } runningPort)
        {
            port = runningPort;
            owned = !OwnerIsAlive(ownerFile);
        }
        else
        {
            port = PreferredPort(Path.Combine(stateDirectory, Path.GetFileName(requestedDirectory) + ".port"));
            await ProcessRunner.RunCheckedAsync(pgCtl,
                ["start", "-D", dataDirectory, "-w", "-t", "60", "-l", Path.Combine(dataDirectory, "server.log"), "-o", $"-p {port}"],
                cancellationToken);
            owned = true;
        }

        if (owned)
        {
            await File.WriteAllTextAsync(ownerFile, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }

        return new LocalPostgresCluster(binDirectory, dataDirectory, stateDirectory, port, password, owned);
    }

    /// <summary>Creates <paramref name="database"/> if it does not exist yet.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!OwnedByThisProcess)
        {
            return;
        }

        await ProcessRunner.RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"], cancellationToken);
        File.Delete(Path.Combine(_stateDirectory, Path.GetFileName(DataDirectory) + ".owner"));
    }

    private static async Task PrepareEmptyDataDirectoryAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        if (Directory.EnumerateFileSystemEntries(dataDirectory).Any())
        {
            throw new InvalidOperationException($"{dataDirectory} is not empty but holds no PostgreSQL cluster; remove it or choose another folder.");
        }

        RestrictToOwner(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await ProcessRunner.GiveToPostgresAsync(dataDirectory, cancellationToken);
    }

    private static async Task InitializeAsync(string binDirectory, string dataDirectory, string password, bool durable, CancellationToken cancellationToken)
    {
        await PrepareEmptyDataDirectoryAsync(dataDirectory, cancellationToken);

        var passwordFile = Path.Combine(Path.GetTempPath(), $"commentary-pw-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        try
        {
            RestrictToOwner(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await ProcessRunner.GiveToPostgresAsync(passwordFile, cancellationToken);
            await ProcessRunner.RunCheckedAsync(Path.Combine(binDirectory, "initdb"),
                ["-D", dataDirectory, "-U", Superuser, $"--pwfile={passwordFile}", "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-instructions"],
                cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }

        var settings = new StringBuilder()
            .AppendLine()
            .AppendLine("# Commentary.Api private cluster: loopback only, no Unix socket (its default folder may not be writable).")
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine("unix_socket_directories = ''")
            .AppendLine("max_connections = 200")
            // What a streaming standby needs of its primary (PostgreSQL's defaults, stated so a standby can always be made);
            // initdb's pg_hba.conf already lets loopback replication connections in with a password.
            .AppendLine("wal_level = replica")
            .AppendLine("max_wal_senders = 10")
            .AppendLine("max_replication_slots = 10")
            // Read on a standby only (a base backup copies this file): without it, vacuum on the primary removes rows a
            // standby query still reads, and replay cancels that query.
            .AppendLine("hot_standby_feedback = on");
        if (!durable)
        {
            settings.AppendLine("fsync = off").AppendLine("synchronous_commit = off").AppendLine("full_page_writes = off");
        }

        await File.AppendAllTextAsync(Path.Combine(dataDirectory, "postgresql.conf"), settings.ToString(), cancellationToken);
    }

    private async Task BaseBackupAsync(string binDirectory, string dataDirectory, string slot, CancellationToken cancellationToken)
    {
        await PrepareEmptyDataDirectoryAsync(dataDirectory, cancellationToken);
        // -R writes standby.signal and primary_conninfo (password included: the standby reconnects by itself);
        // -C -S creates the slot the standby streams from; -X stream copies the WAL written during the backup.
        var source = $"host=127.0.0.1 port={Port} user={Superuser} password={Password} application_name={slot}";
        await ProcessRunner.RunCheckedAsync(PostgresBinaries.ProgramPath(binDirectory, "pg_basebackup"),
            ["-D", dataDirectory, "-d", source, "-R", "-X", "stream", "-C", "-S", slot, "--checkpoint=fast", "--no-sync"],
            cancellationToken);
        // The primary's server log came along with its files; the standby writes its own.
        File.Delete(Path.Combine(dataDirectory, "server.log"));
    }

    /// <summary>Slot names allow lower-case letters, digits and underscores only; one per standby folder.</summary>
    private static string SlotNameFor(string requestedDirectory) =>
        "standby_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(requestedDirectory))))[..16];
}
