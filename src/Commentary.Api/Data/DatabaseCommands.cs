using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Data;

internal static class DatabaseCommands
{
    /// <summary>The <c>migrate</c> command: applies pending migrations and exits (how Production upgrades its schema).</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommentaryDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        app.Logger.LogInformation("Applied {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        if (app.Services.GetService<LocalPostgres.LocalPostgresCluster>() is { } cluster)
        {
            await cluster.StopAsync();
        }
    }
}
