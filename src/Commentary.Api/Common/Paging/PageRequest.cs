using Commentary.Api.Common.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Common.Paging;

/// <summary>The checked <c>limit</c> and decoded <c>cursor</c> of a keyset-paginated list request.</summary>
public sealed record PageRequest(int Limit, string[]? After)
{
    /// <summary>Checks <c>limit</c> (1..<see cref="PageLimits.Max"/>) and decodes a cursor of <paramref name="cursorFields"/> fields; a problem names the bad parameter.</summary>
    public static PageRequest? TryCreate(int? limit, string? cursor, int cursorFields, CursorCodec codec, out ProblemHttpResult? problem)
    {
        problem = null;
        if (limit is < 1 or > PageLimits.Max)
        {
            problem = Problems.Validation("limit", $"must be between 1 and {PageLimits.Max}.");
            return null;
        }

        string[]? after = null;
        if (cursor is not null && !codec.TryDecode(cursor, cursorFields, out after))
        {
            problem = Problems.Validation("cursor", "is not a cursor this list returned (it may have been altered). Start again without a cursor.");
            return null;
        }

        return new PageRequest(limit ?? PageLimits.Default, after);
    }
}
