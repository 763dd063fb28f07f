using Commentary.Api.Content.Articles;

namespace Commentary.Api.Delivery.Search;

/// <summary>
/// The ranking statement of <see cref="PublicSearch"/>. Candidates are the newest <c>@candidates</c> matching published
/// translations, found one of two ways, chosen per query inside the statement:
/// <list type="bullet">
/// <item>A frequent term (a quarter or more of the newest <c>@probe</c> published translations match) walks the newest
/// translations in order (<c>ix_translations_published_at_id</c>) and tests each one, stopping at <c>@candidates</c>
/// matches or after about 1.5 times the rows the probe predicts (the probe's rows are tested once, the walk goes on from
/// them). The match test uses <c>ts_match_vq</c>, which the planner cannot turn into a GIN scan, so the walk stays a walk.</item>
/// <item>Otherwise (or when the walk fell short) the GIN index finds every match, and the newest are kept. A rare term
/// has few matches, so this is cheap exactly when the walk is not.</item>
/// </list>
/// Both ways yield the same candidates (newest first, ties by translation id), so a page never depends on which ran.
/// The candidates are cut into bands of <c>@band</c>, newest band first; an article belongs to the band of its newest
/// matching translation and is ranked by <c>ts_rank_cd</c> of its best translation in that band. The query text only
/// reaches PostgreSQL through the <c>q</c> CTE, so the prepared plan never depends on it. <c>newest</c> is limited to the
/// longest walk the probe can ask for (6 x candidates, at 10 of 40 matching) so that even on a small catalogue the
/// planner reads it from the index instead of sorting every published translation.
/// </summary>
internal static class SearchSql
{
    public static readonly string Ranked = $"""
        WITH q AS (SELECT websearch_to_tsquery('english'::regconfig, @query) AS query),
        newest AS (
            SELECT t.id, t.article_id, t.language, t.published_at, t.search_vector,
                ts_match_vq(t.search_vector, (SELECT query FROM q)) AS hit
            FROM translations t
            WHERE {PublicContent.PublishedSnapshotSql("t")}
            ORDER BY t.published_at DESC, t.id DESC
            LIMIT 6 * @candidates),
        probe AS MATERIALIZED (
            SELECT count(*) FILTER (WHERE p.hit) AS matched FROM (SELECT hit FROM newest LIMIT @probe) p),
        walked AS MATERIALIZED (
            SELECT n.id, n.article_id, n.language, n.published_at, n.search_vector
            FROM (SELECT * FROM newest LIMIT (
                SELECT CASE WHEN matched * 4 >= @probe THEN @candidates * @probe * 3 / (2 * matched) ELSE 0 END FROM probe)) n
            WHERE n.hit AND {LiveArticle("n")}
            LIMIT @candidates),
        indexed AS MATERIALIZED (
            SELECT t.id, t.article_id, t.published_at
            FROM translations t
            WHERE (SELECT count(*) FROM walked) < @candidates
              AND {PublicContent.PublishedSnapshotSql("t")} AND t.search_vector @@ (SELECT query FROM q)),
        found AS (
            SELECT w.id, w.article_id, w.language, w.published_at, w.search_vector FROM walked w
            WHERE (SELECT count(*) FROM walked) >= @candidates
            UNION ALL
            (SELECT t.id, t.article_id, t.language, t.published_at, t.search_vector
            FROM indexed i
            JOIN translations t ON t.id = i.id
            WHERE {LiveArticle("i")}
            ORDER BY i.published_at DESC, i.id DESC
            LIMIT @candidates)),
        numbered AS (
            SELECT f.article_id, f.language, f.search_vector,
                (row_number() OVER (ORDER BY f.published_at DESC, f.id DESC) - 1) / @band AS band
            FROM found f),
        firsts AS (
            SELECT n.*, min(n.band) OVER (PARTITION BY n.article_id) AS article_band FROM numbered n),
        banded AS (
            SELECT f.article_id, f.language, f.band, ts_rank_cd(f.search_vector, (SELECT query FROM q)) AS rank
            FROM firsts f
            WHERE f.band = f.article_band)
        SELECT article_id, (array_agg(language ORDER BY rank DESC, language))[1] AS language, max(rank) AS rank
        FROM banded
        GROUP BY article_id
        ORDER BY min(band), max(rank) DESC, article_id DESC
        OFFSET @offset LIMIT @take
        """;

    /// <summary>
    /// The article half of the rule, tested only on the few translations that matched rather than joined into the walk,
    /// which must stay a plain scan of the published-time index.
    /// </summary>
    private static string LiveArticle(string candidate) =>
        $"EXISTS (SELECT 1 FROM articles a WHERE a.id = {candidate}.article_id AND {PublicContent.LiveArticleSql("a")})";
}
