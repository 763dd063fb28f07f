using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Commentary.Api.Platform.Database;

public static class DatabaseCommands
{
    /// <summary>
    /// Migrates after creating the history table, so a first start does not log EF's failed probe of a missing
    /// history table as an error.
    /// </summary>
    public static async Task MigrateQuietlyAsync(this CommentaryDbContext db, CancellationToken cancellationToken)
    {
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// A raw SQL command on the context's own connection (opened here, closed with the context), so it reads the same
    /// server as the request's LINQ queries: the standby for a public read that was routed there.
    /// </summary>
    public static async Task<NpgsqlCommand> CreateCommandAsync(this CommentaryDbContext db, string sql, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
    }

    /// <summary>The <c>migrate</c> command: applies pending migrations and exits (how Production upgrades its schema).</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommentaryDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.MigrateQuietlyAsync(CancellationToken.None);
        app.Logger.LogInformation("Applied {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        if (app.Services.GetService<LocalPostgres.LocalPostgresCluster>() is { } cluster)
        {
            await cluster.StopAsync();
        }
    }
}
