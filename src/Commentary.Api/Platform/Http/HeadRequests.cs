using Microsoft.AspNetCore.Http.Features;

namespace Commentary.Api.Platform.Http;

/// <summary>
/// HEAD is GET without the body (RFC 9110 §9.3.2), but minimal APIs' MapGet does not match HEAD. Rather than mapping
/// every GET twice (and documenting each operation twice in OpenAPI), a HEAD request runs as the GET it mirrors, with
/// the body discarded: the same validators, caching headers, Content-Length and 304 handling, with no route to forget.
/// </summary>
/// <remarks>
/// Installed as a startup filter so that it runs before routing (which WebApplication adds first). Kestrel keeps treating
/// the exchange as HEAD (changing the method text does not change its parsed method), so it sends no body and does not
/// check Content-Length against bytes written; discarding the writes here makes other servers (TestServer) behave alike.
/// </remarks>
internal sealed class HeadRequests : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        // A plain GET (nearly every request) goes straight on, without an async frame of its own.
        app.Use(nextMiddleware => context => HttpMethods.IsHead(context.Request.Method) ? AsGetAsync(context, nextMiddleware) : nextMiddleware(context));
        next(app);
    };

    private static async Task AsGetAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var discarding = new StreamResponseBodyFeature(Stream.Null, original);
        context.Features.Set<IHttpResponseBodyFeature>(discarding);
        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
            await discarding.CompleteAsync();
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
            context.Features.Set(original);
        }
    }
}
