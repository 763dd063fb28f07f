using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Commentary.Api.Platform.Caching;

/// <summary>
/// Server-side output cache for the hot public reads. Entries vary by path, every query value, Accept-Language and
/// Origin; requests with an Authorization header are never cached or served from the cache (the default policy's rule,
/// kept on purpose: Umbraco CVE-2025-54425). Every entry carries <see cref="Tag"/>, which
/// <see cref="PublicCacheInvalidator"/> evicts the moment public content changes. With several instances, register a
/// shared store (e.g. Redis output caching) so one eviction reaches all; otherwise entries live at most
/// <see cref="CachingOptions.MaxAgeSeconds"/>.
/// </summary>
public static class PublicOutputCache
{
    public const string Policy = "public";
    public const string Tag = "public-content";

    public static IServiceCollection AddPublicOutputCache(this IServiceCollection services)
    {
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<CachingOptions>>((options, caching) =>
            options.AddPolicy(Policy, policy => policy
                .Expire(TimeSpan.FromSeconds(Math.Max(1, caching.Value.MaxAgeSeconds)))
                .SetVaryByQuery("*")
                .SetVaryByHeader(HeaderNames.AcceptLanguage, HeaderNames.Origin)
                .Tag(Tag)
                // Off only to measure the database path (bench/run.sh); clients still get ETags and Cache-Control.
                .With(_ => caching.Value.OutputCache)));
        services.AddSingleton<PublicCacheInvalidator>();
        return services;
    }
}
