using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Platform.Errors;

/// <summary>The problem responses handlers return; every one carries an <c>errorCode</c> (and a <c>traceId</c>, added globally).</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, "Not found", detail, ErrorCodes.NotFound);

    public static ProblemHttpResult Conflict(string detail, string errorCode = ErrorCodes.Conflict) =>
        Create(StatusCodes.Status409Conflict, "Conflict", detail, errorCode);

    public static ProblemHttpResult PreconditionFailed() =>
        Create(StatusCodes.Status412PreconditionFailed, "Precondition failed",
            "The If-Match header does not match the current ETag: someone else changed this resource. Reload it and apply your change again.",
            ErrorCodes.PreconditionFailed);

    public static ProblemHttpResult PreconditionRequired() =>
        Create(StatusCodes.Status428PreconditionRequired, "Precondition required",
            "This update needs an If-Match header with the ETag you last read, so that concurrent edits are never lost.",
            ErrorCodes.PreconditionRequired);

    public static ProblemHttpResult Validation(string field, string message) => Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "One or more fields are invalid.",
            detail: string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
            type: TypeFor(StatusCodes.Status400BadRequest),
            extensions: new Dictionary<string, object?> { ["errorCode"] = ErrorCodes.ValidationFailed, ["errors"] = errors });

    public static ProblemHttpResult Create(int status, string title, string detail, string errorCode) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, type: TypeFor(status),
            extensions: new Dictionary<string, object?> { ["errorCode"] = errorCode });

    /// <summary>The same problem as a document, for middleware that answers before any endpoint runs.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails Document(int status, string title, string detail, string errorCode) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = TypeFor(status),
        Extensions = { ["errorCode"] = errorCode },
    };

    /// <summary>Answers with a problem from middleware (authentication, rate limiting, request guards).</summary>
    public static ValueTask WriteAsync(HttpContext context, int status, string title, string detail, string errorCode)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Document(status, title, detail, errorCode),
        });
    }

    /// <summary>
    /// For an answer given without reading the body (413): the connection cannot carry another request, so say that it
    /// closes, or a keep-alive client sends its next request on it and gets a reset.
    /// </summary>
    public static void CloseConnectionAfterResponse(HttpContext context) => context.Response.Headers.Connection = "close";

    public static string TypeFor(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        410 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.11",
        412 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        428 => "https://www.rfc-editor.org/rfc/rfc6585#section-3",
        429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        503 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        _ => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
    };
}
