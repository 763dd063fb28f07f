using Commentary.Api.Content;
using Commentary.Api.Platform.Database;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Tests.Platform.Database;

[Collection(ApiCollection.Name)]
public sealed class MigrationTests(ApiFixture fixture)
{
    [Fact]
    public async Task EmptyDatabase_AllMigrationsApply()
    {
        var connectionString = await fixture.Database.CreateDatabaseAsync($"migrations_{Guid.NewGuid():N}");
        await using var db = new CommentaryDbContext(new DbContextOptionsBuilder<CommentaryDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .Options);

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Articles.CountAsync());
    }

    [Fact]
    public async Task Model_HasNoChangesMissingFromTheMigrations()
    {
        await using var db = fixture.Database.CreateDbContext();
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed: add a migration (see the README)");
    }
}
