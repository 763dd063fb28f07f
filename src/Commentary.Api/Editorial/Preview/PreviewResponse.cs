using System.Reflection;
using Commentary.Api.Platform.Caching;
using Microsoft.AspNetCore.Http.Metadata;

namespace Commentary.Api.Editorial.Preview;

/// <summary>
/// A preview page: the public article JSON, stored by no cache (the route has no output-cache policy, and this tells
/// browsers and CDNs), indexed by no search engine, and never sent on as a Referer, since the URL may hold a token.
/// </summary>
public sealed class PreviewResponse(PreviewPage page) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var headers = httpContext.Response.Headers;
        headers.ETag = page.ETag;
        headers.ContentLanguage = page.Language;
        headers.CacheControl = "private, no-store";
        headers["X-Robots-Tag"] = "noindex";
        headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.Bytes(page.Body, PublicResponses.JsonType).ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(object), ["application/json"]));
}
