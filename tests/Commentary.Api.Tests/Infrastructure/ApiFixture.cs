using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Infrastructure;

/// <summary>One database and one app for the whole suite; tests in the collection run one at a time on a reset database.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();
    public CommentaryApiFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.StartAsync();
        Factory = new CommentaryApiFactory(Database);
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}

/// <summary>Base of every test that touches the API or the database: starts each test on an empty database with the admin key.</summary>
[Collection(ApiCollection.Name)]
public abstract class ApiTest(ApiFixture fixture) : IAsyncLifetime
{
    protected ApiFixture Fixture { get; } = fixture;
    protected CommentaryApiFactory Factory => Fixture.Factory;
    protected HttpClient Anonymous => Factory.CreateClient();
    protected HttpClient Admin => Factory.ClientWithKey(CommentaryApiFactory.AdminKey);

    public virtual async Task InitializeAsync()
    {
        await Fixture.Database.ResetAsync();
        // The public output cache outlives the database reset (Respawn bypasses the app): start every test with it empty.
        await Factory.Services.GetRequiredService<Commentary.Api.Platform.Caching.PublicCacheInvalidator>().EvictAllAsync();
        await Factory.EnsureAdminKeyAsync();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected async Task<HttpClient> ClientForRoleAsync(string role) => Factory.ClientWithKey(await Factory.CreateKeyAsync(role));

    protected Commentary.Api.Platform.Database.CommentaryDbContext CreateDbContext() => Fixture.Database.CreateDbContext();

    /// <summary>Builds every queued rendition now, as the background worker (off in the shared app) would; in another app's services when given.</summary>
    protected async Task RenderAsync(IServiceProvider? services = null)
    {
        await using var scope = (services ?? Factory.Services).CreateAsyncScope();
        var renderer = scope.ServiceProvider.GetRequiredService<Commentary.Api.Delivery.PrebuiltPages.PageRenderer>();
        while (await renderer.RenderNextBatchAsync(batchSize: 50, CancellationToken.None) > 0)
        {
        }
    }
}
