using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Commentary.Api.Platform.Errors;

/// <summary>
/// The one place where exceptions become problem responses: a client's mistake is a 4xx, an unreachable database a
/// 503 with Retry-After, a stale write a 412, and anything else a 500 without internals.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errorCode, errors) = Classify(exception);
        if (status >= 500)
        {
            logger.LogError(exception, "Request failed with {Status} ({ErrorCode})", status, errorCode);
        }
        else
        {
            logger.LogInformation("Request rejected with {Status} ({ErrorCode}): {Reason}", status, errorCode, exception.Message);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }
        else if (status == StatusCodes.Status413PayloadTooLarge)
        {
            Problems.CloseConnectionAfterResponse(httpContext);
        }

        httpContext.Response.StatusCode = status;
        var problem = Problems.Document(status, title, detail, errorCode);
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static (int Status, string Title, string Detail, string ErrorCode, Dictionary<string, string[]>? Errors) Classify(Exception exception)
    {
        switch (exception)
        {
            case BadHttpRequestException bad when FindJsonException(bad) is { } json:
                return JsonProblem(json);
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return (413, "Request body too large", "The request body is larger than the limit of this API.", ErrorCodes.PayloadTooLarge, null);
            case BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType }:
                return (415, "Unsupported media type", "Send the request body as application/json.", ErrorCodes.UnsupportedMediaType, null);
            case BadHttpRequestException bad:
                return (bad.StatusCode, "Bad request", SanitizeBinderMessage(bad.Message), ErrorCodes.MalformedRequest, null);
            case JsonException json:
                return JsonProblem(json);
            case DbUpdateConcurrencyException:
                return (412, "Precondition failed", "Someone else changed this resource at the same time. Reload it and apply your change again.", ErrorCodes.PreconditionFailed, null);
            case DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique }:
                return (409, "Conflict", $"A value that must be unique is already taken ({unique.ConstraintName}).", ErrorCodes.Conflict, null);
            case DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } }:
                return (409, "Conflict", "The resource is still referenced by other content.", ErrorCodes.InUse, null);
            case PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }:
            case DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } }:
                return (409, "Conflict", "The change collided with a concurrent one. Try again.", ErrorCodes.Conflict, null);
            case var e when IsDatabaseUnavailable(e):
                return (503, "Service unavailable", "The database is not reachable right now. Try again shortly.", ErrorCodes.DatabaseUnavailable, null);
            case OperationCanceledException:
                return (503, "Service unavailable", "The request did not finish in time.", ErrorCodes.DatabaseUnavailable, null);
            default:
                return (500, "Internal server error", "An unexpected error occurred. Quote the traceId when reporting it.", ErrorCodes.InternalError, null);
        }
    }

    private static JsonException? FindJsonException(Exception exception) =>
        exception as JsonException ?? (exception.InnerException is { } inner ? FindJsonException(inner) : null);

    private static (int, string, string, string, Dictionary<string, string[]>?) JsonProblem(JsonException json)
    {
        var field = JsonPathToField(json.Path);
        if (UnmappedProperty().Match(json.Message) is { Success: true } unmapped)
        {
            // System.Text.Json's path already ends with the unmapped property; older versions stopped at its parent.
            var name = unmapped.Groups[1].Value;
            var property = string.IsNullOrEmpty(field) ? name
                : field == name || field.EndsWith("." + name, StringComparison.Ordinal) || field.EndsWith("['" + name + "']", StringComparison.Ordinal) ? field
                : $"{field}.{name}";
            return (400, "Unknown property", $"'{property}' is not a property of this request, or it is read-only.", ErrorCodes.UnknownProperty,
                new() { [property] = ["Unknown or read-only property."] });
        }

        var key = string.IsNullOrEmpty(field) ? "$" : field;
        return (400, "Malformed JSON", "The request body is not valid JSON for this operation.", ErrorCodes.MalformedRequest,
            new() { [key] = [json.InnerException is InvalidOperationException ? "Invalid text (unpaired surrogate or invalid UTF-8)." : "Invalid JSON value."] });
    }

    private static string JsonPathToField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string SanitizeBinderMessage(string message) =>
        // Binder messages name parameters and types, never values; keep them, they tell the caller what to fix.
        message.Length > 300 ? message[..300] : message;

    private static bool IsDatabaseUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is System.Net.Sockets.SocketException or TimeoutException or IOException,
        TimeoutException => true,
        _ => exception.InnerException is { } inner && IsDatabaseUnavailable(inner),
    };

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedProperty();
}
