using Microsoft.Extensions.Options;
using Npgsql;

namespace Commentary.Api.Platform.Database;

/// <summary>Start-up work on the database, before the server takes requests: migrations, the seeders of the areas.</summary>
internal sealed class DatabaseInitializer(
    IServiceScopeFactory scopes, NpgsqlDataSource dataSource, IOptions<DatabaseOptions> options) : IHostedService
{
    /// <summary>Advisory lock key ("cms-init"): instances starting together take turns, so none inserts the same key or sample twice.</summary>
    private const long InitializationLock = 0x636d_732d_696e_6974;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var acquire = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            acquire.Parameters.AddWithValue("key", InitializationLock);
            await acquire.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await InitializeAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", InitializationLock);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommentaryDbContext>();
        if (options.Value.MigrateOnStartup)
        {
            await db.MigrateQuietlyAsync(cancellationToken);
        }

        foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder>())
        {
            await seeder.SeedAsync(cancellationToken);
        }
    }
}
