using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Delivery.Related;

/// <summary>
/// Automatic suggestions, for one article (GET /related, the live detail page) or a renderer's whole batch: the newest
/// <see cref="RelatedArticles.ScoredCandidates"/> public articles sharing a topic or quoted source (speaker or outlet),
/// scored by shared topics and sources, newest first on ties, then filled with the newest articles. They are taken from
/// per-topic and per-source lists of the newest public articles: the newest N of a union are among the newest N of
/// each part, so one ranked scan per kind serves every article of a batch.
/// </summary>
/// <remarks>
/// The lists are read in the caller's snapshot, afresh for every call unless the caller keeps them in
/// <see cref="SuggestionLists"/> (the page renderer, across its batches): the ranked scans read every article of a topic or
/// source, which at 100,000 articles cost more than the rest of a batch together.
/// </remarks>
public sealed class SuggestionCandidates(CommentaryDbContext db)
{
    public sealed record Request(Guid ArticleId, IReadOnlySet<Guid> Excluded, int Wanted);

    internal sealed record Candidate(Guid Id, DateTimeOffset PublishedAt);

    internal sealed record Features(HashSet<Guid> Topics, HashSet<Guid> Sources);

    /// <summary>Suggestions for each request (up to its <see cref="Request.Wanted"/>, none of its exclusions), by article.</summary>
    /// <param name="kept">Lists kept from earlier calls, used only while they are still exactly what this snapshot would read.</param>
    public async Task<Dictionary<Guid, List<Guid>>> SuggestAsync(IReadOnlyList<Request> requests, CancellationToken cancellationToken, SuggestionLists? kept = null)
    {
        if (requests.Count == 0)
        {
            return [];
        }

        var lists = kept is not null && await kept.ValidateAsync(db, cancellationToken) ? kept : new SuggestionLists();
        // Each list must still hold ScoredCandidates articles once an article's own exclusions are taken out of it.
        var length = RelatedArticles.ScoredCandidates + requests.Max(r => r.Excluded.Count);
        var features = await FeaturesAsync(lists, requests.Select(r => r.ArticleId).Distinct().ToArray(), cancellationToken);
        var byTopic = await ListsAsync(lists.ByTopic, requests.SelectMany(r => features[r.ArticleId].Topics).Distinct().ToArray(), TopicListSql, length, cancellationToken);
        var bySource = await ListsAsync(lists.BySource, requests.SelectMany(r => features[r.ArticleId].Sources).Distinct().ToArray(), SourceListSql, length, cancellationToken);
        IEnumerable<Candidate> Sharing(Features own) =>
            own.Topics.SelectMany(t => byTopic.GetValueOrDefault(t) ?? []).Concat(own.Sources.SelectMany(s => bySource.GetValueOrDefault(s) ?? []));

        // Only the newest ScoredCandidates of each article's union are scored, so only their features are read.
        var scoredCandidates = requests.ToDictionary(r => r.ArticleId, r => Sharing(features[r.ArticleId])
            .DistinctBy(c => c.Id)
            .Where(c => !r.Excluded.Contains(c.Id))
            .OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id)
            .Take(RelatedArticles.ScoredCandidates)
            .ToList());
        var candidateIds = scoredCandidates.Values.SelectMany(c => c).Select(c => c.Id).Distinct().Where(id => !features.ContainsKey(id)).ToArray();
        foreach (var (id, candidate) in await FeaturesAsync(lists, candidateIds, cancellationToken))
        {
            features[id] = candidate;
        }

        var newest = await NewestAsync(lists, length + RelatedArticles.MaxLimit, cancellationToken);
        return requests.ToDictionary(r => r.ArticleId, r =>
        {
            var own = features[r.ArticleId];
            var scored = scoredCandidates[r.ArticleId]
                .Select(c => (Candidate: c, Score: features[c.Id].Topics.Count(own.Topics.Contains) * RelatedArticles.TopicWeight
                                                    + features[c.Id].Sources.Count(own.Sources.Contains) * RelatedArticles.SourceWeight))
                .OrderByDescending(c => c.Score).ThenByDescending(c => c.Candidate.PublishedAt).ThenByDescending(c => c.Candidate.Id)
                .Take(r.Wanted)
                .Select(c => c.Candidate.Id)
                .ToList();
            scored.AddRange(newest.Select(c => c.Id).Where(id => !r.Excluded.Contains(id) && !scored.Contains(id)).Take(r.Wanted - scored.Count));
            return scored;
        });
    }

    private static readonly string Public = PublicContent.PublicArticleSql("a");

    // One ranked scan per kind rather than one query per topic or source: a batch of pages needs most of them at once.
    private static readonly string TopicListSql = $"""
        SELECT key, id, published_at FROM (
            SELECT t.topic_id AS key, a.id, a.first_published_at AS published_at,
                   row_number() OVER (PARTITION BY t.topic_id ORDER BY a.first_published_at DESC, a.id DESC) AS n
            FROM article_topics t JOIN articles a ON a.id = t.article_id
            WHERE t.topic_id = ANY (@keys) AND {Public}) ranked
        WHERE n <= @length
        """;

    private static readonly string SourceListSql = $"""
        SELECT key, id, published_at FROM (
            SELECT s.key, a.id, a.first_published_at AS published_at,
                   row_number() OVER (PARTITION BY s.key ORDER BY a.first_published_at DESC, a.id DESC) AS n
            FROM (SELECT source_id AS key, article_id FROM quotes WHERE source_id = ANY (@keys)
                  UNION SELECT outlet_id, article_id FROM quotes WHERE outlet_id = ANY (@keys)) s
            JOIN articles a ON a.id = s.article_id
            WHERE {Public}) ranked
        WHERE n <= @length
        """;

    private static readonly string NewestSql =
        $"SELECT a.id, a.first_published_at AS published_at FROM articles a WHERE {Public} ORDER BY a.first_published_at DESC, a.id DESC LIMIT @length";

    /// <summary>The list of each key, at least <paramref name="length"/> long where the key has that many: from <paramref name="kept"/>, or read (and kept).</summary>
    private async Task<Dictionary<Guid, List<Candidate>>> ListsAsync(
        Dictionary<Guid, SuggestionLists.Ranked> kept, Guid[] keys, string sql, int length, CancellationToken cancellationToken)
    {
        var missing = keys.Where(key => !kept.TryGetValue(key, out var list) || !list.Covers(length)).ToArray();
        if (missing.Length > 0)
        {
            var rows = await db.Database.SqlQueryRaw<ListRow>(sql, new Npgsql.NpgsqlParameter("keys", missing), new Npgsql.NpgsqlParameter("length", length))
                .ToListAsync(cancellationToken);
            var read = rows.ToLookup(r => r.Key, r => new Candidate(r.Id, r.PublishedAt));
            foreach (var key in missing)
            {
                kept[key] = new SuggestionLists.Ranked(length, read[key].ToList());
            }
        }

        return keys.ToDictionary(key => key, key => kept[key].Take(length));
    }

    private async Task<List<Candidate>> NewestAsync(SuggestionLists lists, int length, CancellationToken cancellationToken)
    {
        if (lists.Newest is not { } newest || !newest.Covers(length))
        {
            lists.Newest = newest = new SuggestionLists.Ranked(length,
                await db.Database.SqlQueryRaw<Candidate>(NewestSql, new Npgsql.NpgsqlParameter("length", length)).ToListAsync(cancellationToken));
        }

        return newest.Take(length);
    }

    /// <summary>Topics and quoted sources (speakers and outlets) of the given articles, from <paramref name="lists"/> where it has them.</summary>
    private async Task<Dictionary<Guid, Features>> FeaturesAsync(SuggestionLists lists, Guid[] ids, CancellationToken cancellationToken)
    {
        var features = ids.ToDictionary(id => id, id => lists.Features.GetValueOrDefault(id));
        var missing = ids.Where(id => features[id] is null).ToArray();
        foreach (var (id, read) in await ReadFeaturesAsync(missing, cancellationToken))
        {
            features[id] = read;
            lists.Keep(id, read);
        }

        return features!;
    }

    private async Task<Dictionary<Guid, Features>> ReadFeaturesAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        var features = ids.ToDictionary(id => id, _ => new Features([], []));
        if (ids.Length == 0)
        {
            return features;
        }

        var rows = await db.Database.SqlQuery<FeatureRow>($"""
            SELECT article_id, topic_id AS feature, true AS is_topic FROM article_topics WHERE article_id = ANY ({ids})
            UNION SELECT article_id, source_id, false FROM quotes WHERE article_id = ANY ({ids})
            UNION SELECT article_id, outlet_id, false FROM quotes WHERE article_id = ANY ({ids}) AND outlet_id IS NOT NULL
            """).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            (row.IsTopic ? features[row.ArticleId].Topics : features[row.ArticleId].Sources).Add(row.Feature);
        }

        return features;
    }

    private sealed record ListRow(Guid Key, Guid Id, DateTimeOffset PublishedAt);

    private sealed record FeatureRow(Guid ArticleId, Guid Feature, bool IsTopic);
}
