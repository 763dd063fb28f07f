using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Commentary.Api.Platform.Caching;

/// <summary>
/// Server-side output cache for the hot public reads. Entries vary by path, every query value, Accept-Language and
/// Origin; requests with an Authorization header are never cached or served from the cache (the default policy's rule,
/// kept on purpose: Umbraco CVE-2025-54425). Every entry carries <see cref="Tag"/>, which
/// <see cref="PublicCacheInvalidator"/> evicts the moment public content changes. With several instances, register a
/// shared store (e.g. Redis output caching) so one eviction reaches all; otherwise entries live at most
/// <see cref="CachingOptions.MaxAgeSeconds"/>. A response whose request began before an eviction is never stored after
/// it (<see cref="OutputCacheGeneration"/>: the count is per process, so with a shared store another instance's
/// eviction is not seen, and such an entry lives until it expires).
/// </summary>
public static class PublicOutputCache
{
    public const string Policy = "public";
    public const string Tag = "public-content";

    public static IServiceCollection AddPublicOutputCache(this IServiceCollection services)
    {
        services.AddOutputCache();
        services.AddSingleton<OutputCacheGeneration>();
        var registered = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Replace(ServiceDescriptor.Singleton<IOutputCacheStore>(provider =>
            new OutputCacheGeneration.CheckedStore(Create(provider, registered), provider.GetRequiredService<OutputCacheGeneration>())));
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<CachingOptions>>((options, caching) =>
            options.AddPolicy(Policy, policy => policy
                .AddPolicy<OutputCacheGeneration.StartPolicy>()
                .Expire(TimeSpan.FromSeconds(Math.Max(1, caching.Value.MaxAgeSeconds)))
                .SetVaryByQuery("*")
                .SetVaryByHeader(HeaderNames.AcceptLanguage, HeaderNames.Origin)
                .Tag(Tag)
                // Off only to measure the database path (bench/run.sh); clients still get ETags and Cache-Control.
                .With(_ => caching.Value.OutputCache)));
        services.AddSingleton<PublicCacheInvalidator>();
        return services;
    }

    private static IOutputCacheStore Create(IServiceProvider provider, ServiceDescriptor descriptor) =>
        (IOutputCacheStore)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
