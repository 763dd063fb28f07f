using System.Globalization;
using System.Text.Json;
using Commentary.Api.Platform.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Commentary.Api.Platform.Caching;

public sealed class CachingOptions
{
    /// <summary>How long browsers and CDNs may reuse a public response.</summary>
    public int MaxAgeSeconds { get; set; } = 60;

    /// <summary>Keep hot public responses in the server's output cache (evicted on every content change).</summary>
    public bool OutputCache { get; set; } = true;
}

/// <summary>
/// Writes public JSON with validators computed from the exact bytes sent: the strong ETag changes whenever anything in
/// the body changes, and a matching <c>If-None-Match</c> (or <c>If-Modified-Since</c>) gets a 304 without a body.
/// </summary>
public sealed class PublicResponses(IOptions<JsonOptions> json, IOptions<CachingOptions> caching)
{
    public const string JsonType = "application/json; charset=utf-8";

    public CachedJson<T> Json<T>(HttpContext context, T value, DateTimeOffset? lastModified, string? contentLanguage) =>
        new(Bytes(context, Serialize(value), JsonType, lastModified, contentLanguage));

    /// <summary>The bytes <see cref="Json"/> sends for <paramref name="value"/>.</summary>
    public byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, json.Value.SerializerOptions);

    public IResult Bytes(HttpContext context, byte[] bytes, string contentType, DateTimeOffset? lastModified, string? contentLanguage) =>
        Bytes(context, bytes, ETags.ForContent(bytes), contentType, lastModified, contentLanguage);

    /// <summary>Bytes whose content-hash <paramref name="etag"/> was computed when they were built.</summary>
    public IResult Bytes(HttpContext context, byte[] bytes, string etag, string contentType, DateTimeOffset? lastModified, string? contentLanguage)
    {
        var headers = context.Response.Headers;
        headers.ETag = etag;
        headers.Vary = HeaderNames.AcceptLanguage;
        headers.CacheControl = context.Request.Headers.Authorization.Count > 0
            ? "private, no-store"
            : $"public, max-age={caching.Value.MaxAgeSeconds.ToString(CultureInfo.InvariantCulture)}";
        if (contentLanguage is not null)
        {
            headers.ContentLanguage = contentLanguage;
        }

        if (lastModified is { } modified)
        {
            headers.LastModified = modified.ToString("R", CultureInfo.InvariantCulture);
        }

        if (ETags.IfNoneMatchHits(context.Request, etag) || (context.Request.Headers.IfNoneMatch.Count == 0 && NotModifiedSince(context.Request, lastModified)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(bytes, contentType);
    }

    private static bool NotModifiedSince(HttpRequest request, DateTimeOffset? lastModified) =>
        lastModified is { } modified
        && DateTimeOffset.TryParse(request.Headers.IfModifiedSince.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
        && TruncateToSeconds(modified) <= since;

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) => value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond));
}

/// <summary>A public JSON response (200 with <typeparamref name="T"/>, or 304); typed so that OpenAPI documents both.</summary>
public sealed class CachedJson<T>(IResult inner) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext) => inner.ExecuteAsync(httpContext);

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
    }
}
