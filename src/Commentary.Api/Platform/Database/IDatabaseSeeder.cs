namespace Commentary.Api.Platform.Database;

/// <summary>
/// Start-up work on the database that an area owns (the bootstrap admin key, the sample article). The initializer runs
/// every registered seeder in registration order, after migrating and under one advisory lock across instances.
/// </summary>
public interface IDatabaseSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}
