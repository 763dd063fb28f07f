using Commentary.Api.Platform.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Commentary.Api.Platform.Http;

/// <summary>
/// Checks made before routing: API keys never travel in URLs (they end up in logs and browser history), bodies
/// stay under the configured limit (also under the test server, which has no Kestrel limit), and every response
/// is marked nosniff.
/// </summary>
internal sealed class RequestGuards(RequestDelegate next, IConfiguration configuration)
{
    private static readonly string[] KeyParameterNames = ["api_key", "apikey", "api-key", "key", "access_token", "token"];
    private readonly long _maxBodyBytes = configuration.GetValue<long?>("Commentary:MaxRequestBodyBytes") ?? 1_048_576;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = _maxBodyBytes;
        }

        // Most requests (every cached read) pass both checks: they go on without an async frame of their own.
        return (context.Request.QueryString.HasValue && KeyParameterNames.Any(context.Request.Query.ContainsKey))
            || context.Request.ContentLength > _maxBodyBytes
            ? RefuseAsync(context)
            : next(context);
    }

    private async Task RefuseAsync(HttpContext context)
    {
        if (KeyParameterNames.Any(context.Request.Query.ContainsKey))
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "API key in the URL",
                "API keys are accepted only in the Authorization header. Revoke a key that was sent in a URL.", ErrorCodes.KeyInQueryString);
            return;
        }

        Problems.CloseConnectionAfterResponse(context);
        await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
            $"The request body is larger than the limit of {_maxBodyBytes} bytes.", ErrorCodes.PayloadTooLarge);
    }
}
