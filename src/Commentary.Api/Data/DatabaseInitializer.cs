using Commentary.Api.Data.Sample;
using Commentary.Api.Features.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Data;

/// <summary>Start-up work on the database, before the server takes requests: migrations, the bootstrap admin key, the sample.</summary>
internal sealed class DatabaseInitializer(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommentaryDbContext>();
        if (options.Value.MigrateOnStartup)
        {
            await db.MigrateQuietlyAsync(cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<BootstrapAdminKey>().EnsureAsync(cancellationToken);

        if (options.Value.ImportSample && await scope.ServiceProvider.GetRequiredService<SampleArticleImporter>().ImportIfEmptyAsync(cancellationToken))
        {
            logger.LogInformation("Imported the sample article");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
