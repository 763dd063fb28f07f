using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Delivery.Related;

/// <summary>
/// What <see cref="SuggestionCandidates"/> reads (the ranked per-topic and per-source lists, the newest articles, each
/// article's topics and sources), kept by one caller across calls for as long as no public content has changed: then
/// what was read in an earlier snapshot is exactly what the current snapshot would read, so suggestions stay byte for
/// byte those of a fresh read. Re-rendering every page (after a deploy that changes their format) then reads each list
/// once instead of once per batch.
/// </summary>
/// <remarks>
/// Every change that can move an article into, out of or within a list (a publish, an unpublish, a delete, a translation
/// withdrawn) goes through the content journal, so "no <c>content_changes</c> row is visible now that was not visible
/// when the lists were read" proves them current. Only for callers that read in a REPEATABLE READ snapshot (a statement
/// of its own would see other changes than the check) and one call at a time: the page renderer's worker loop.
/// </remarks>
public sealed class SuggestionLists
{
    private string? _snapshot;

    internal Dictionary<Guid, Ranked> ByTopic { get; } = [];

    internal Dictionary<Guid, Ranked> BySource { get; } = [];

    internal Ranked? Newest { get; set; }

    internal Dictionary<Guid, SuggestionCandidates.Features> Features { get; } = [];

    /// <summary>Articles' features are kept up to a bound (about 10 MB); past it they are read again when needed.</summary>
    private const int MaxFeatures = 20_000;

    internal void Keep(Guid articleId, SuggestionCandidates.Features features)
    {
        if (Features.Count >= MaxFeatures)
        {
            Features.Clear();
        }

        Features[articleId] = features;
    }

    /// <summary>A list read with a length limit: it covers any shorter limit, and any limit at all when it came back short.</summary>
    internal sealed record Ranked(int Length, List<SuggestionCandidates.Candidate> Candidates)
    {
        public bool Covers(int length) => length <= Length || Candidates.Count < Length;

        // The first entries only, as a read with this limit returns them (a longer list may hold ties a shorter read cuts).
        public List<SuggestionCandidates.Candidate> Take(int length) => Candidates.Count <= length ? Candidates : Candidates[..length];
    }

    /// <summary>
    /// True when what is kept may be used in the current transaction's snapshot; otherwise everything kept is dropped and
    /// false is returned. A transaction that has written (a preview's publish) never uses or fills the lists: what it sees
    /// is not what others will.
    /// </summary>
    internal async Task<bool> ValidateAsync(CommentaryDbContext db, CancellationToken cancellationToken)
    {
        var state = await db.Database.SqlQueryRaw<SnapshotState>(StateSql, _snapshot ?? "").SingleAsync(cancellationToken);
        if (state.Writing)
        {
            return false;
        }

        if (_snapshot is null || state.Changed)
        {
            ByTopic.Clear();
            BySource.Clear();
            Newest = null;
            Features.Clear();
            _snapshot = state.Snapshot;
        }

        return true;
    }

    private const string StateSql = """
        SELECT pg_current_snapshot()::text AS snapshot, pg_current_xact_id_if_assigned() IS NOT NULL AS writing,
               {0} <> '' AND EXISTS (
                   SELECT 1 FROM content_changes
                   WHERE transaction_id >= pg_snapshot_xmin(NULLIF({0}, '')::pg_snapshot)::text::bigint
                     AND NOT pg_visible_in_snapshot(transaction_id::text::xid8, NULLIF({0}, '')::pg_snapshot)) AS changed
        """;

    private sealed record SnapshotState(string Snapshot, bool Writing, bool Changed);
}
