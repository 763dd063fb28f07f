using System.Globalization;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Platform.Query;

/// <summary>
/// Reads the query string of a public endpoint against its allowlist: a parameter the endpoint does not know is a 400
/// (never silently ignored, so a filter on a private field cannot become an oracle), and every value is checked for
/// range, NUL and unpaired surrogates before it reaches the database. Errors accumulate and name the parameter.
/// </summary>
public sealed partial class PublicQuery
{
    public static readonly DateTimeOffset MinDate = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset MaxDate = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly HttpRequest _request;
    private readonly IQueryCollection _query;
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    private PublicQuery(HttpRequest request)
    {
        _request = request;
        _query = request.Query;
    }

    /// <summary>Starts reading <paramref name="request"/>; <paramref name="allowed"/> is the endpoint's whole allowlist.</summary>
    public static PublicQuery For(HttpRequest request, params string[] allowed)
    {
        var reader = new PublicQuery(request);
        reader.CheckEncoding(request.QueryString.Value);
        foreach (var key in request.Query.Keys)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                reader.Fail(key.Length > 64 ? key[..64] : key, $"Unknown query parameter. Allowed: {string.Join(", ", allowed)}.");
            }
            else if (request.Query[key].Count > 1)
            {
                reader.Fail(key, "Give this parameter at most once.");
            }
        }

        return reader;
    }

    public bool IsValid => _errors.Count == 0;

    public ProblemHttpResult Problem() => Problems.Validation(_errors);

    public void Fail(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    /// <summary>
    /// The reader's language: <c>lang</c> beats <c>Accept-Language</c>; null means each article's original language.
    /// An unsupported <c>lang</c> is an error of this query.
    /// </summary>
    public string? Language(LanguageNegotiator negotiator)
    {
        var language = negotiator.Negotiate(_request);
        if (!language.IsValid)
        {
            Fail("lang", language.Error!);
        }

        return language.Requested;
    }

    /// <summary>A text value (null when absent or empty).</summary>
    public string? Text(string name, int maxLength)
    {
        var value = _query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            Fail(name, "Must not contain NUL characters.");
            return null;
        }

        if (HasUnpairedSurrogate(value))
        {
            Fail(name, "Must be valid Unicode (no unpaired surrogates).");
            return null;
        }

        if (!TextRules.IsStorable(value))
        {
            Fail(name, "Must not contain the noncharacters U+FFFE or U+FFFF.");
            return null;
        }

        if (value.Length > maxLength)
        {
            Fail(name, $"Must be at most {maxLength} characters.");
            return null;
        }

        return value;
    }

    /// <summary>The page size, read by the one paging parser every list uses.</summary>
    public int Limit(int defaultValue = PageLimits.Default, int max = PageLimits.Max)
    {
        if (!PageRequest.TryParseLimit(_query["limit"].ToString(), defaultValue, max, out var limit))
        {
            Fail("limit", PageRequest.LimitRule(max));
        }

        return limit;
    }

    /// <summary>The fields of a signed cursor, or null when none was given (an invalid one is an error).</summary>
    public string[]? Cursor(CursorCodec codec, string kind, int fieldCount)
    {
        if (!PageRequest.TryDecodeCursor(_query["cursor"].ToString(), new PageShape(kind, fieldCount), codec, out var fields))
        {
            FailCursor();
        }

        return fields;
    }

    /// <summary>The position in a cursor of a list ordered by a time and an id, or null when none was given (an invalid one is an error).</summary>
    public KeysetPosition? KeysetCursor(CursorCodec codec, string kind)
    {
        if (Cursor(codec, kind, KeysetPosition.FieldCount) is not { } fields)
        {
            return null;
        }

        if (KeysetPosition.TryParse(fields, out var position))
        {
            return position;
        }

        FailCursor();
        return null;
    }

    /// <summary>A cursor that decoded but does not hold a position of this list (one of an older release or another query).</summary>
    public void FailCursor() => Fail("cursor", PageRequest.InvalidCursor);

    /// <summary>
    /// An ISO 8601 date (<c>2024-05-01</c>, a whole UTC day) or date-time with an offset; <paramref name="endOfDay"/> makes a
    /// bare date mean the end of that day (an inclusive <c>to</c>). The result is an exclusive bound for end dates.
    /// </summary>
    public DateTimeOffset? Date(string name, bool endOfDay)
    {
        var value = _query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        DateTimeOffset result;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (date.Year >= MaxDate.Year)
            {
                Fail(name, $"Must be between {MinDate:yyyy-MM-dd} and {MaxDate:yyyy-MM-dd}.");
                return null;
            }

            result = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(endOfDay ? 1 : 0);
        }
        else if (value.Length > 10 && (value.EndsWith('Z') || value[^6] is '+' or '-')
                 && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant))
        {
            result = instant.ToUniversalTime();
        }
        else
        {
            Fail(name, "Must be an ISO 8601 date (2024-05-01) or date-time with offset (2024-05-01T08:00:00Z).");
            return null;
        }

        if (result < MinDate || result > MaxDate)
        {
            Fail(name, $"Must be between {MinDate:yyyy-MM-dd} and {MaxDate:yyyy-MM-dd}.");
            return null;
        }

        return result;
    }
}
