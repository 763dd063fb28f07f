using Commentary.Api.Platform.Redis;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Commentary.Api.Platform.Caching;

/// <summary>
/// Server-side output cache for the hot public reads. Entries vary by path, every query value, Accept-Language and
/// Origin; requests with an Authorization header are never cached or served from the cache (the default policy's rule,
/// kept on purpose: Umbraco CVE-2025-54425). Every entry carries <see cref="Tag"/>; a page that declares the articles it
/// shows (<see cref="ShowsArticles"/>) carries their <see cref="ArticleTag"/>s, every other entry <see cref="ListsTag"/>,
/// and <see cref="PublicCacheInvalidator"/> evicts by what changed. With <c>ConnectionStrings:Redis</c> the store is
/// Redis, shared by every instance (<see cref="SharedOutputCacheStore"/>), so one eviction reaches all at once; otherwise
/// it is in-process. Either way a response whose request began before an eviction is never stored after it
/// (<see cref="OutputCacheGeneration"/>).
/// </summary>
public static class PublicOutputCache
{
    public const string Policy = "public";

    /// <summary>Every entry: evicting it empties the public cache.</summary>
    public const string Tag = "public-content";

    /// <summary>Every entry that did not say which articles it shows: lists, search, taxonomy pages, live reads, 404s.</summary>
    public const string ListsTag = "lists";

    private const string ArticleTagPrefix = "article:";

    public static string ArticleTag(Guid articleId) => ArticleTagPrefix + articleId.ToString("N");

    /// <summary>
    /// Declares that the response being built shows these articles and nothing else that changes: its entry is evicted
    /// when one of them changes, and no longer with every list.
    /// </summary>
    public static void ShowsArticles(HttpContext context, IEnumerable<Guid> articleIds)
    {
        if (context.Features.Get<IOutputCacheFeature>()?.Context is { } cache)
        {
            foreach (var id in articleIds)
            {
                cache.Tags.Add(ArticleTag(id));
            }
        }
    }

    public static IServiceCollection AddPublicOutputCache(this IServiceCollection services, bool sharedRedis)
    {
        services.AddOutputCache();
        if (sharedRedis)
        {
            services.AddStackExchangeRedisOutputCache(_ => { });
            services.AddOptions<RedisOutputCacheOptions>().Configure<SharedRedis>((options, redis) =>
            {
                options.InstanceName = "commentary:output:";
                options.ConnectionMultiplexerFactory = () => Task.FromResult(redis.Connection);
            });
        }

        services.AddSingleton<OutputCacheGeneration>();
        var registered = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        if (sharedRedis)
        {
            services.AddSingleton(provider => ActivatorUtilities.CreateInstance<SharedOutputCacheStore>(provider, Create(provider, registered)));
            services.Replace(ServiceDescriptor.Singleton<IOutputCacheStore>(provider => provider.GetRequiredService<SharedOutputCacheStore>()));
            services.AddHostedService<SharedOutputCacheStore.Upkeep>();
        }
        else
        {
            services.Replace(ServiceDescriptor.Singleton<IOutputCacheStore>(provider =>
                new OutputCacheGeneration.CheckedStore(Create(provider, registered), provider.GetRequiredService<OutputCacheGeneration>())));
        }
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<CachingOptions>>((options, caching) =>
            options.AddPolicy(Policy, policy => policy
                .AddPolicy<OutputCacheGeneration.StartPolicy>()
                .AddPolicy<ScopePolicy>()
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

    /// <summary>Tags an entry whose page named no article as a list, once the response is known.</summary>
    private sealed class ScopePolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (!context.Tags.Any(tag => tag.StartsWith(ArticleTagPrefix, StringComparison.Ordinal)))
            {
                context.Tags.Add(ListsTag);
            }

            return ValueTask.CompletedTask;
        }
    }
}
