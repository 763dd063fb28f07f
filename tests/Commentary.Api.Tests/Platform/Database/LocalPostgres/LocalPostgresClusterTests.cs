using Commentary.Api.Platform.Database.LocalPostgres;
using Commentary.Api.Tests.Infrastructure;
using Npgsql;

namespace Commentary.Api.Tests.Platform.Database.LocalPostgres;

public sealed class LocalPostgresClusterTests : IDisposable
{
    private readonly TempFolder _folder = new("commentary-cluster-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task FreshFolder_InitializesStartsAndServesQueries()
    {
        var cluster = await LocalPostgresCluster.StartAsync(Path.Combine(_folder.Path, "postgres"), durable: false);
        try
        {
            Assert.True(cluster.OwnedByThisProcess);
            Assert.True(File.Exists(Path.Combine(cluster.DataDirectory, "PG_VERSION")));
            await cluster.EnsureDatabaseAsync("probe");
            await using var connection = new NpgsqlConnection(cluster.ConnectionString("probe"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_setting('server_encoding')", connection);
            Assert.Equal("UTF8", await command.ExecuteScalarAsync());
        }
        finally
        {
            await cluster.StopAsync();
        }

        Assert.False(File.Exists(Path.Combine(cluster.DataDirectory, "postmaster.pid")));
    }

    [Fact]
    public async Task SecondStart_ReusesTheClusterAndItsData()
    {
        var directory = Path.Combine(_folder.Path, "postgres");
        var first = await LocalPostgresCluster.StartAsync(directory, durable: false);
        await first.EnsureDatabaseAsync("kept");
        await Execute(first.ConnectionString("kept"), "CREATE TABLE marker (id int); INSERT INTO marker VALUES (42);");
        await first.StopAsync();
        NpgsqlConnection.ClearAllPools(); // pooled connections to the stopped server are dead

        var second = await LocalPostgresCluster.StartAsync(directory, durable: false);
        try
        {
            Assert.Equal(42, await Scalar(second.ConnectionString("kept"), "SELECT id FROM marker"));
        }
        finally
        {
            await second.StopAsync();
        }
    }

    [Fact]
    public async Task ServerLeftRunningByADeadOwner_IsAdoptedOnTheSamePort()
    {
        var directory = Path.Combine(_folder.Path, "postgres");
        var first = await LocalPostgresCluster.StartAsync(directory, durable: false);
        // The owner died without stopping the server (as after SIGKILL): its pid no longer exists.
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "postgres.owner"), "2147483646");

        var second = await LocalPostgresCluster.StartAsync(directory, durable: false);
        try
        {
            Assert.Equal(first.Port, second.Port);
            Assert.True(second.OwnedByThisProcess);
            Assert.Equal(1, await Scalar(second.ConnectionString("postgres"), "SELECT 1"));
        }
        finally
        {
            await second.StopAsync();
        }
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
