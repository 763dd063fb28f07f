namespace Commentary.Api.Platform.Database.LocalPostgres;

/// <summary>Stops the private cluster when the API shuts down (if this process started or adopted it).</summary>
internal sealed class LocalPostgresLifetime(LocalPostgresCluster cluster, ILogger<LocalPostgresLifetime> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Using the private PostgreSQL cluster in {DataDirectory} on 127.0.0.1:{Port}", cluster.DataDirectory, cluster.Port);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (cluster.OwnedByThisProcess)
        {
            logger.LogInformation("Stopping the private PostgreSQL cluster");
            await cluster.StopAsync(CancellationToken.None);
        }
    }
}
