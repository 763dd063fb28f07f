using System.Globalization;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Paging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Delivery.Search;

public static class SearchArticles
{
    public const int QueryMaxLength = 10_000;

    /// <summary>Search pages by offset inside a signed cursor; deeper than this, refine the query instead.</summary>
    public const int MaxOffset = 1_000;

    private const string CursorKind = "search";

    public static async Task<Results<CachedJson<Page<PublicSearchHit>>, ProblemHttpResult>> Handle(
        [AsParameters] PublicRequest request, PublicSearch search)
    {
        var query = request.Query("q", "lang", "limit", "cursor");
        var language = query.Language(request.Negotiator);
        var limit = query.Limit();
        var q = query.Text("q", QueryMaxLength);
        if (q is null && query.IsValid)
        {
            query.Fail("q", "Required: the words to search for.");
        }

        var offset = 0;
        var queryKey = q is null ? "" : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(q)), 0, 8);
        if (query.Cursor(request.Cursors, CursorKind, 2) is { } fields)
        {
            if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset > MaxOffset || fields[1] != queryKey)
            {
                query.FailCursor();
            }
        }

        if (!query.IsValid)
        {
            return query.Problem();
        }

        var (hits, hasMore) = string.IsNullOrWhiteSpace(q)
            ? ([], false)
            : await search.SearchAsync(q!, language, offset, limit, request.CancellationToken);
        var nextOffset = offset + limit;
        var next = hasMore && nextOffset <= MaxOffset ? request.Cursors.Encode(CursorKind, nextOffset.ToString(CultureInfo.InvariantCulture), queryKey) : null;
        return request.Responses.Json(request.Context, new Page<PublicSearchHit>(hits, next), null, language);
    }
}
