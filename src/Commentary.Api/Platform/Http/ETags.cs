using System.Security.Cryptography;
using Commentary.Api.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Commentary.Api.Platform.Http;

public enum PreconditionOutcome
{
    Satisfied,
    Missing,
    Stale,
}

/// <summary>Strong entity tags: versions for the management API, content hashes for public responses.</summary>
public static class ETags
{
    public static string ForVersion(int version) => $"\"{version}\"";

    public static string ForContent(ReadOnlySpan<byte> content) => $"\"{Convert.ToBase64String(SHA256.HashData(content).AsSpan(0, 18)).Replace('+', '-').Replace('/', '_')}\"";

    /// <summary>Checks <c>If-Match</c> against the current version. <paramref name="required"/> false lets a missing header pass.</summary>
    public static PreconditionOutcome CheckIfMatch(HttpRequest request, int currentVersion, bool required = true)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
        {
            return required ? PreconditionOutcome.Missing : PreconditionOutcome.Satisfied;
        }

        return IfMatchNames(request, ForVersion(currentVersion)) ? PreconditionOutcome.Satisfied : PreconditionOutcome.Stale;
    }

    /// <summary>Whether <c>If-Match</c> is <c>*</c> or lists <paramref name="etag"/> (strong comparison, RFC 9110 §13.1.1: a weak tag never matches).</summary>
    public static bool IfMatchNames(HttpRequest request, string etag) =>
        EntityTagHeaderValue.TryParseList(request.Headers.IfMatch, out var tags)
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || (!t.IsWeak && t.Tag.Equals(etag, StringComparison.Ordinal)));

    /// <summary>
    /// The answer to an update whose <c>If-Match</c> does not allow it (428 missing, 412 stale), or null when it may go
    /// ahead: the one precondition check every versioned update runs before changing anything.
    /// </summary>
    public static ProblemHttpResult? PreconditionProblem(HttpRequest request, int currentVersion, bool required = true) =>
        CheckIfMatch(request, currentVersion, required) switch
        {
            PreconditionOutcome.Missing => Problems.PreconditionRequired(),
            PreconditionOutcome.Stale => Problems.PreconditionFailed(),
            _ => null,
        };

    /// <summary>Whether <c>If-None-Match</c> names <paramref name="etag"/> (weak comparison, RFC 9110 §13.1.2).</summary>
    public static bool IfNoneMatchHits(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }

        var bare = etag.Trim('"');
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.AsSpan().Trim('"').SequenceEqual(bare));
    }
}
