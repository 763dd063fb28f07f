using System.Net;
using Commentary.Api.Platform.Database.LocalPostgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Commentary.Api.Tests.Platform.Database.LocalPostgres;

/// <summary>Several API instances starting at once on a fresh database (a scaled-out deployment) all come up.</summary>
public sealed class ConcurrentStartupTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"commentary-startup-{Guid.NewGuid():N}", "postgres");
    private LocalPostgresCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await LocalPostgresCluster.StartAsync(_directory, durable: false);
        await _cluster.EnsureDatabaseAsync("startup");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _cluster.StopAsync();
        Directory.Delete(Path.GetDirectoryName(_directory)!, recursive: true);
    }

    [Fact]
    public async Task ThreeInstancesOnAFreshDatabase_AllStart_WithOneAdminKeyAndOneSample()
    {
        var factories = Enumerable.Range(0, 3).Select(_ => new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Commentary", _cluster.ConnectionString("startup"));
            builder.UseSetting("Commentary:Database:MigrateOnStartup", "true");
            builder.UseSetting("Commentary:Database:ImportSample", "true");
            builder.UseSetting("Commentary:BootstrapAdminKey", "cmk_concurrent-startup-admin-key");
        })).ToList();
        try
        {
            await Task.WhenAll(factories.Select(f => Task.Run(() => f.Server)));
            foreach (var factory in factories)
            {
                Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/health/ready")).StatusCode);
            }

            await using var connection = new NpgsqlConnection(_cluster.ConnectionString("startup"));
            await connection.OpenAsync();
            await using var counts = new NpgsqlCommand("SELECT (SELECT count(*) FROM api_keys), (SELECT count(*) FROM articles)", connection);
            await using var reader = await counts.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal(1, reader.GetInt64(0));
            Assert.Equal(1, reader.GetInt64(1));
        }
        finally
        {
            foreach (var factory in factories)
            {
                await factory.DisposeAsync();
            }
        }
    }
}
