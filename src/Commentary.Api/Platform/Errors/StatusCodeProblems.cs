using Microsoft.AspNetCore.Diagnostics;

namespace Commentary.Api.Platform.Errors;

/// <summary>Problem bodies for answers that left the pipeline with a status and no body (404 of no route, 405, 400 of an unreadable body).</summary>
internal static class StatusCodeProblems
{
    private static readonly Func<StatusCodeContext, Task> Default = new StatusCodePagesOptions().HandleAsync;

    public static IApplicationBuilder UseStatusCodeProblems(this IApplicationBuilder app) => app.UseStatusCodePages(WriteAsync);

    private static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (http.Response.StatusCode == StatusCodes.Status400BadRequest && HasBody(http.Request))
        {
            // The body binder answers a body Kestrel could not read (broken chunked framing, a body ending early) with a
            // bare 400 instead of throwing; Kestrel closes the connection after it, and a keep-alive client must be told.
            Problems.CloseConnectionAfterResponse(http);
            await Problems.WriteAsync(http, StatusCodes.Status400BadRequest, "Unreadable request body",
                "The request body could not be read: its Content-Length or chunked encoding is broken, or it ended early.", ErrorCodes.MalformedRequest);
            return;
        }

        await Default(context);
    }

    private static bool HasBody(HttpRequest request) => request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
}
