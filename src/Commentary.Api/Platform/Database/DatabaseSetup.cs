using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Database.LocalPostgres;
using Commentary.Api.Platform.Database.Standby;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Commentary.Api.Platform.Database;

public sealed class DatabaseOptions
{
    /// <summary>Apply pending migrations at start-up (on by default in Development; Production runs the <c>migrate</c> command).</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>Import the sample article when the database has no articles yet.</summary>
    public bool ImportSample { get; set; }

    /// <summary>Folder of the private cluster used when no connection string is configured.</summary>
    public string? LocalDirectory { get; set; }
}

public static class DatabaseSetup
{
    public const string ConnectionStringName = "Commentary";

    /// <summary>
    /// Registers the DbContext on the configured database, or, outside Production and with no connection string,
    /// on a private PostgreSQL cluster under <c>.data/postgres</c> that this process provisions and later stops.
    /// </summary>
    public static WebApplicationBuilder AddCommentaryDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection("Commentary:Database"));
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (builder.Environment.IsProduction())
            {
                throw new StartupConfigurationException(
                    "No database configured: set ConnectionStrings__Commentary. In Production the API never starts a private PostgreSQL cluster.");
            }

            var directory = builder.Configuration["Commentary:Database:LocalDirectory"] ?? Path.Combine(FindRepositoryRoot(), ".data", "postgres");
            var cluster = LocalPostgresCluster.StartAsync(directory, durable: true).GetAwaiter().GetResult();
            cluster.EnsureDatabaseAsync("commentary").GetAwaiter().GetResult();
            connectionString = cluster.ConnectionString("commentary");
            builder.Services.AddSingleton(cluster);
            // Registered before every other hosted service, so it is stopped after all of them.
            builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, LocalPostgresLifetime>());
        }

        var dataSource = new NpgsqlDataSourceBuilder(WithDefaults(connectionString).ConnectionString).Build();
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddPooledDbContextFactory<CommentaryDbContext>((services, options) => Configure(options, dataSource, services));
        builder.AddReadDatabase(WithDefaults, Configure);
        return builder;
    }

    private static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource, IServiceProvider services) => options
        .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
        .UseSnakeCaseNamingConvention()
        .AddInterceptors(services.GetRequiredService<PublicCacheInvalidator>());

    /// <summary>
    /// Defaults an operator's connection string may override. Automatic preparation spares PostgreSQL re-planning the
    /// same few queries on every request (planning took as long as executing the list query; see bench/RESULTS.md).
    /// </summary>
    private static NpgsqlConnectionStringBuilder WithDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.ApplicationName ??= "commentary-api";
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder;
    }

    /// <summary>The checkout's root (where the solution file is), so <c>.data/</c> is the same whichever folder the API starts from.</summary>
    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Commentary.Api.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}

/// <summary>A configuration problem the operator must fix; the API prints its message and exits with code 1.</summary>
public class StartupConfigurationException(string message) : Exception(message);
