namespace Commentary.Api.Platform.Errors;

/// <summary>Machine-readable <c>errorCode</c> values of problem responses; clients switch on these, not on titles.</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string MalformedRequest = "malformed_request";
    public const string UnknownProperty = "unknown_property";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string PayloadTooLarge = "payload_too_large";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string SlugTaken = "slug_taken";
    public const string InUse = "in_use";
    public const string PreconditionFailed = "precondition_failed";
    public const string PreconditionRequired = "precondition_required";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string KeyInQueryString = "key_in_query_string";
    public const string LastAdminKey = "last_admin_key";
    public const string RateLimited = "rate_limited";
    public const string DatabaseUnavailable = "database_unavailable";
    public const string CursorExpired = "cursor_expired";
    public const string InternalError = "internal_error";
}
