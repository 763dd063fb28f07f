using System.Net;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Platform.Caching;

/// <summary>A response read before a change committed is never stored in the output cache after that change's eviction.</summary>
public sealed class StaleStoreTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task ResponseReadBeforeAnUnpublish_IsNotStoredAfterItsEviction()
    {
        var seed = new ContentSeeder(Factory.Services);
        var id = await seed.SimpleAsync("race", "Race");
        var gate = new GatedStore();
        await using var app = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            // Outermost, so the store the app registered (and whatever it checks) runs only once the gate opens.
            var registered = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
            services.Add(ServiceDescriptor.Singleton<IOutputCacheStore>(provider => gate.Wrap(Resolve(provider, registered))));
        }));
        var client = app.CreateClient();

        // The request has read the published article and is about to store it when the unpublish commits and evicts.
        var stale = client.GetAsync("/api/articles/race");
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await new ContentSeeder(app.Services).UnpublishAsync(id);
        gate.Open.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await stale).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/articles/race")).StatusCode);
    }

    private static IOutputCacheStore Resolve(IServiceProvider provider, ServiceDescriptor descriptor) =>
        (IOutputCacheStore)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));

    /// <summary>Holds the first store until the test opens it.</summary>
    private sealed class GatedStore
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IOutputCacheStore Wrap(IOutputCacheStore inner) => new Store(this, inner);

        private sealed class Store(GatedStore gate, IOutputCacheStore inner) : IOutputCacheStore
        {
            public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

            public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

            public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
            {
                if (gate.Entered.TrySetResult())
                {
                    await gate.Open.Task;
                }

                await inner.SetAsync(key, value, tags, validFor, cancellationToken);
            }
        }
    }
}
