using Commentary.Api.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Platform.Paging;

/// <summary>
/// The checked <c>limit</c> and decoded <c>cursor</c> of a management list, whose parameters are bound by the route.
/// Public lists read the same two through <see cref="Http.PublicQuery"/>, with the same rules and messages.
/// </summary>
public sealed record PageRequest(int Limit, string[]? After)
{
    public const string InvalidCursor = "Invalid cursor: pass the nextCursor of a previous page of this list unchanged.";

    /// <summary>
    /// Checks <c>limit</c> (1..<see cref="PageLimits.Max"/>) and decodes a cursor issued for the list <paramref name="kind"/>
    /// with <paramref name="cursorFields"/> fields; a problem names the bad parameter.
    /// </summary>
    public static PageRequest? TryCreate(int? limit, string? cursor, string kind, int cursorFields, CursorCodec codec, out ProblemHttpResult? problem)
    {
        problem = null;
        if (limit is < 1 or > PageLimits.Max)
        {
            problem = Problems.Validation("limit", $"Must be an integer from 1 to {PageLimits.Max}.");
            return null;
        }

        string[]? after = null;
        if (cursor is not null && !codec.TryDecode(cursor, kind, cursorFields, out after))
        {
            problem = Problems.Validation("cursor", InvalidCursor);
            return null;
        }

        return new PageRequest(limit ?? PageLimits.Default, after);
    }
}
