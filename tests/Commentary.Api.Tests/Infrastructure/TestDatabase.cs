using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Database.LocalPostgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Respawn;

namespace Commentary.Api.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster provisioned by the same code as <c>dotnet run</c> (or the database named by
/// COMMENTARY_TEST_CONNECTION), migrated once and emptied between tests with Respawn.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>Every throwaway cluster of the suite lives in a temp folder named so; a run removes those of killed runs.</summary>
    public const string ClusterFolderPrefix = "commentary-tests-";

    private LocalPostgresCluster? _cluster;
    private string? _directory;
    private Respawner? _respawner;

    public string ConnectionString { get; private set; } = "";

    /// <summary>Connection string for another database on the same server (created when missing).</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        if (_cluster is not null)
        {
            await _cluster.EnsureDatabaseAsync(name);
            return _cluster.ConnectionString(name);
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        builder.Database = name;
        return builder.ConnectionString;
    }

    public async Task StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("COMMENTARY_TEST_CONNECTION");
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external;
        }
        else
        {
            // A run killed mid-way (no disposal) leaves its cluster running; its owner is dead now, so it goes.
            await AbandonedClusters.SweepAsync(Path.GetTempPath(), ClusterFolderPrefix);
            _directory = Path.Combine(Path.GetTempPath(), $"{ClusterFolderPrefix}{Guid.NewGuid():N}");
            _cluster = await LocalPostgresCluster.StartAsync(Path.Combine(_directory, "postgres"), durable: false);
            await _cluster.EnsureDatabaseAsync("commentary_tests");
            ConnectionString = _cluster.ConnectionString("commentary_tests");
        }

        await using (var db = CreateDbContext())
        {
            await db.Database.MigrateAsync();
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            // Keys and generated secrets outlive a reset, as they outlive everything in a real deployment: an app of an
            // earlier test still holds them in memory.
            TablesToIgnore = ["__ef_migrations_history", "data_protection_keys", "stored_secrets"],
        });
    }

    public CommentaryDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<CommentaryDbContext>()
            .UseNpgsql(ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .Options);

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await _respawner!.ResetAsync(connection);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.StopAsync();
        }

        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
