using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Platform.Caching;

/// <summary>Holds the first store of an output cache entry until the test opens it.</summary>
internal sealed class GatedStore
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Outermost, so the store the app registered (and whatever it checks) runs only once the gate opens.</summary>
    public void Install(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Add(ServiceDescriptor.Singleton<IOutputCacheStore>(provider => new Store(this, Resolve(provider, registered))));
    }

    private static IOutputCacheStore Resolve(IServiceProvider provider, ServiceDescriptor descriptor) =>
        (IOutputCacheStore)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));

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
