using Commentary.Api.Platform.Database.LocalPostgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Commentary.Api.Tests.Infrastructure;

/// <summary>
/// The API on a PostgreSQL cluster of its own, migrated at startup, for tests that stop and restart the database server
/// under the app (which the shared cluster of the "api" collection must never see). Short timeouts keep an outage quick.
/// </summary>
public sealed class OwnClusterApp : IAsyncDisposable
{
    public const string AdminKey = "cmk_own-cluster-test-admin-key";

    // Under the prefix of TestDatabase's sweep, so a killed run's cluster is stopped by the next one.
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"{TestDatabase.ClusterFolderPrefix}own-{Guid.NewGuid():N}", "postgres");
    private LocalPostgresCluster _cluster = null!;

    private OwnClusterApp()
    {
    }

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    /// <summary>The app's connection string (with its short timeouts).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The streaming standby of <see cref="StartStandbyAsync"/>, if any.</summary>
    public LocalPostgresCluster? Standby { get; private set; }

    /// <summary>The standby's connection string, with the same short timeouts.</summary>
    public string StandbyConnectionString => Standby!.ConnectionString("outage") + ";Timeout=3;Command Timeout=5";

    /// <param name="configure">Settings of the test on top of the defaults (migrate, no sample, <see cref="AdminKey"/>).</param>
    public static async Task<OwnClusterApp> StartAsync(Action<IWebHostBuilder>? configure = null)
    {
        var app = new OwnClusterApp();
        await app.StartDatabaseAsync();
        await app._cluster.EnsureDatabaseAsync("outage");
        app.ConnectionString = app._cluster.ConnectionString("outage") + ";Timeout=3;Command Timeout=5";
        app.Factory = app.AnotherInstance(configure);
        _ = app.Factory.Server;
        return app;
    }

    /// <summary>One more API instance on the same database (started on first use; the caller disposes it).</summary>
    public WebApplicationFactory<Program> AnotherInstance(Action<IWebHostBuilder>? configure = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Commentary", ConnectionString);
            builder.UseSetting("Commentary:Database:MigrateOnStartup", "true");
            builder.UseSetting("Commentary:Database:ImportSample", "false");
            builder.UseSetting("Commentary:BootstrapAdminKey", AdminKey);
            // As in CommentaryApiFactory: this app's gauges would sample its own cluster into the telemetry tests' readers.
            builder.UseSetting("OTEL_SDK_DISABLED", "true");
            configure?.Invoke(builder);
        });

    /// <summary>Starts the server again after <see cref="StopDatabaseAsync"/>, on the same folder and port.</summary>
    public async Task StartDatabaseAsync() => _cluster = await LocalPostgresCluster.StartAsync(_directory, durable: false);

    public Task StopDatabaseAsync() => _cluster.StopAsync();

    /// <summary>Makes (first time) or restarts a hot standby of the cluster, beside it, by the provisioning code of <c>dotnet run</c>.</summary>
    public async Task StartStandbyAsync()
    {
        var folder = Path.Combine(Path.GetDirectoryName(_directory)!, "standby");
        Standby = Standby is null
            ? await _cluster.StartStandbyAsync(folder)
            : await LocalPostgresCluster.StartAsync(folder, durable: false);
    }

    public Task StopStandbyAsync() => Standby!.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (Standby is not null)
        {
            await Standby.StopAsync();
        }

        await _cluster.StopAsync();
        Directory.Delete(Path.GetDirectoryName(_directory)!, recursive: true);
    }
}
