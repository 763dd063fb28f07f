using System.Globalization;
using Commentary.Api.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commentary.Api.Platform.Paging;

/// <summary>
/// <c>limit</c> and <c>cursor</c> as a management list's query string has them. <c>limit</c> is bound as text so that
/// <c>limit=abc</c> gets the same field-named message as <c>limit=0</c>, on every list; OpenAPI documents it as an integer
/// through <c>QueryParameterDoc.Limit</c>.
/// </summary>
public readonly record struct PageQuery(
    [FromQuery(Name = "limit")] string? Limit = null,
    [FromQuery(Name = "cursor")] string? Cursor = null);

/// <summary>What a list accepts: the kind its cursors are signed for, how many fields they hold, and its page sizes.</summary>
public sealed record PageShape(string CursorKind, int CursorFields, int DefaultLimit = PageLimits.Default, int MaxLimit = PageLimits.Max);

/// <summary>
/// The one reading of <c>limit</c> and <c>cursor</c> for every list, public and management, with one set of messages.
/// Public lists reach it through <c>PublicQuery</c>, which collects its errors with those of their other parameters.
/// </summary>
public sealed record PageRequest(int Limit, string[]? After)
{
    public const string InvalidCursor = "Invalid cursor: pass the nextCursor of a previous page of this list unchanged.";

    public static string LimitRule(int max) => $"Must be an integer from 1 to {max}.";

    /// <summary>A page size from text: absent or empty means <paramref name="defaultValue"/>.</summary>
    public static bool TryParseLimit(string? text, int defaultValue, int max, out int limit)
    {
        if (string.IsNullOrEmpty(text))
        {
            limit = defaultValue;
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= max)
        {
            return true;
        }

        limit = defaultValue;
        return false;
    }

    /// <summary>The fields of a cursor signed for <paramref name="shape"/>'s kind; absent or empty means the first page.</summary>
    public static bool TryDecodeCursor(string? text, PageShape shape, CursorCodec codec, out string[]? after)
    {
        after = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (codec.TryDecode(text, shape.CursorKind, shape.CursorFields, out var fields))
        {
            after = fields;
            return true;
        }

        return false;
    }

    /// <summary>Checks both parameters; a problem names each bad one.</summary>
    public static PageRequest? TryCreate(PageQuery query, PageShape shape, CursorCodec codec, out ProblemHttpResult? problem)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!TryParseLimit(query.Limit, shape.DefaultLimit, shape.MaxLimit, out var limit))
        {
            errors["limit"] = [LimitRule(shape.MaxLimit)];
        }

        if (!TryDecodeCursor(query.Cursor, shape, codec, out var after))
        {
            errors["cursor"] = [InvalidCursor];
        }

        problem = errors.Count == 0 ? null : Problems.Validation(errors);
        return problem is null ? new PageRequest(limit, after) : null;
    }

    /// <summary>For a list ordered by id: also the id its cursor holds (null on the first page).</summary>
    public static PageRequest? TryCreateById(PageQuery query, PageShape shape, CursorCodec codec, out Guid? afterId, out ProblemHttpResult? problem)
    {
        afterId = null;
        var page = TryCreate(query, shape, codec, out problem);
        if (page?.After is null)
        {
            return page;
        }

        if (page.After is [var text] && Guid.TryParse(text, out var id))
        {
            afterId = id;
            return page;
        }

        problem = Problems.Validation("cursor", InvalidCursor);
        return null;
    }

    /// <summary>For a list ordered by a time and an id: also the position its cursor holds (null on the first page).</summary>
    public static PageRequest? TryCreate(PageQuery query, PageShape shape, CursorCodec codec, out KeysetPosition? after, out ProblemHttpResult? problem)
    {
        after = null;
        if (TryCreate(query, shape, codec, out problem) is not { } page)
        {
            return null;
        }

        if (page.After is null)
        {
            return page;
        }

        if (KeysetPosition.TryParse(page.After, out var position))
        {
            after = position;
            return page;
        }

        problem = Problems.Validation("cursor", InvalidCursor);
        return null;
    }
}
