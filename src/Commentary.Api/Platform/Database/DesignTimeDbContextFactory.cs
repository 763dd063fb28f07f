using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Commentary.Api.Platform.Database;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the app (and its private cluster).
/// <c>dotnet ef database update</c> uses ConnectionStrings__Commentary when it is set.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CommentaryDbContext>
{
    public CommentaryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CommentaryDbContext>()
            .UseNpgsql(
                Environment.GetEnvironmentVariable("ConnectionStrings__Commentary") ?? "Host=127.0.0.1;Database=commentary",
                npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .Options);
}
