using Commentary.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Features.Related;

/// <summary>
/// Suggestions for many articles at once, as <see cref="RelatedArticles.SuggestAsync"/> defines them (the newest
/// <see cref="RelatedArticles.ScoredCandidates"/> public articles sharing a topic or source, scored, newest first on
/// ties, filled with the newest articles), from per-topic and per-source lists of the newest public articles. The newest
/// N of a union are among the newest N of each part, so the lists give the same answer as scoring per article, at the
/// cost of one query per kind instead of one per article.
/// </summary>
/// <remarks>
/// The lists are read afresh for every call, in the caller's snapshot: lists kept across batches miss what was published
/// since (nothing re-queues a page for a newly published sibling) and keep what was withdrawn (which then drops out after
/// scoring, leaving the page short), and a rendition built from them stays that way until its article changes; with
/// several instances, one instance's lists never learn what another rendered.
/// </remarks>
public sealed class SuggestionCandidates
{
    /// <summary>How many articles beyond the scored ones each list holds: room for the article itself and its curated targets.</summary>
    public const int ExclusionAllowance = 64;

    private const int ListLength = RelatedArticles.ScoredCandidates + ExclusionAllowance;

    private readonly Dictionary<Guid, List<Candidate>> _byTopic = [];
    private readonly Dictionary<Guid, List<Candidate>> _bySource = [];
    private readonly Dictionary<Guid, Features> _features = [];
    private List<Candidate> _newest = [];

    public sealed record Candidate(Guid Id, DateTimeOffset PublishedAt);

    public sealed record Features(HashSet<Guid> Topics, HashSet<Guid> Sources);

    public sealed record Request(Guid ArticleId, IReadOnlySet<Guid> Excluded, int Wanted);

    /// <summary>
    /// Suggestions for each request, by article; an article with more exclusions than the lists allow for is left out
    /// (the caller asks <see cref="RelatedArticles.SuggestAsync"/>).
    /// </summary>
    public async Task<Dictionary<Guid, List<Guid>>> SuggestAsync(CommentaryDbContext db, IReadOnlyList<Request> requests, CancellationToken cancellationToken)
    {
        _byTopic.Clear();
        _bySource.Clear();
        _features.Clear();
        _newest = await NewestAsync(db, cancellationToken);
        await LoadFeaturesAsync(db, requests.Select(r => r.ArticleId).ToList(), cancellationToken);
        var topics = requests.SelectMany(r => _features[r.ArticleId].Topics).Distinct().Where(t => !_byTopic.ContainsKey(t)).ToArray();
        var sources = requests.SelectMany(r => _features[r.ArticleId].Sources).Distinct().Where(s => !_bySource.ContainsKey(s)).ToArray();
        await LoadListsAsync(db, topics, _byTopic, TopicListSql, cancellationToken);
        await LoadListsAsync(db, sources, _bySource, SourceListSql, cancellationToken);
        await LoadFeaturesAsync(db, requests.SelectMany(r => Sharing(_features[r.ArticleId])).Select(c => c.Id).Distinct().ToList(), cancellationToken);

        return requests.Where(r => r.Excluded.Count <= ExclusionAllowance).ToDictionary(r => r.ArticleId, Suggest);
    }

    private IEnumerable<Candidate> Sharing(Features features) =>
        features.Topics.SelectMany(t => _byTopic.GetValueOrDefault(t) ?? [])
            .Concat(features.Sources.SelectMany(s => _bySource.GetValueOrDefault(s) ?? []));

    private List<Guid> Suggest(Request request)
    {
        var own = _features[request.ArticleId];
        var scored = Sharing(own)
            .DistinctBy(c => c.Id)
            .Where(c => !request.Excluded.Contains(c.Id))
            .OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id)
            .Take(RelatedArticles.ScoredCandidates)
            .Select(c => (Candidate: c, Score: _features[c.Id].Topics.Count(own.Topics.Contains) * RelatedArticles.TopicWeight
                                                + _features[c.Id].Sources.Count(own.Sources.Contains) * RelatedArticles.SourceWeight))
            .OrderByDescending(c => c.Score).ThenByDescending(c => c.Candidate.PublishedAt).ThenByDescending(c => c.Candidate.Id)
            .Take(request.Wanted)
            .Select(c => c.Candidate.Id)
            .ToList();
        scored.AddRange(_newest.Select(c => c.Id).Where(id => !request.Excluded.Contains(id) && !scored.Contains(id)).Take(request.Wanted - scored.Count));
        return scored;
    }

    private const string Public = """
        a.deleted_at IS NULL AND a.first_published_at IS NOT NULL
        AND EXISTS (SELECT 1 FROM translations tr WHERE tr.article_id = a.id AND tr.published_revision IS NOT NULL)
        """;

    // One ranked scan per kind rather than one query per topic or source: a batch of pages needs most of them at once.
    private const string TopicListSql = $"""
        SELECT key, id, published_at FROM (
            SELECT t.topic_id AS key, a.id, a.first_published_at AS published_at,
                   row_number() OVER (PARTITION BY t.topic_id ORDER BY a.first_published_at DESC, a.id DESC) AS n
            FROM article_topics t JOIN articles a ON a.id = t.article_id
            WHERE t.topic_id = ANY (@keys) AND {Public}) ranked
        WHERE n <= @length
        """;

    private const string SourceListSql = $"""
        SELECT key, id, published_at FROM (
            SELECT s.key, a.id, a.first_published_at AS published_at,
                   row_number() OVER (PARTITION BY s.key ORDER BY a.first_published_at DESC, a.id DESC) AS n
            FROM (SELECT source_id AS key, article_id FROM quotes WHERE source_id = ANY (@keys)
                  UNION SELECT outlet_id, article_id FROM quotes WHERE outlet_id = ANY (@keys)) s
            JOIN articles a ON a.id = s.article_id
            WHERE {Public}) ranked
        WHERE n <= @length
        """;

    private static async Task LoadListsAsync(
        CommentaryDbContext db, Guid[] keys, Dictionary<Guid, List<Candidate>> lists, string sql, CancellationToken cancellationToken)
    {
        if (keys.Length == 0)
        {
            return;
        }

        foreach (var key in keys)
        {
            lists[key] = [];
        }

        var rows = await db.Database.SqlQueryRaw<ListRow>(sql, new Npgsql.NpgsqlParameter("keys", keys), new Npgsql.NpgsqlParameter("length", ListLength))
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            lists[row.Key].Add(new Candidate(row.Id, row.PublishedAt));
        }
    }

    private static Task<List<Candidate>> NewestAsync(CommentaryDbContext db, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<Candidate>(
                $"SELECT a.id, a.first_published_at AS published_at FROM articles a WHERE {Public} ORDER BY a.first_published_at DESC, a.id DESC LIMIT @length",
                new Npgsql.NpgsqlParameter("length", ListLength + RelatedArticles.MaxLimit))
            .ToListAsync(cancellationToken);

    /// <summary>Topics and quoted sources (speakers and outlets) of the given articles, for those not known yet.</summary>
    private async Task LoadFeaturesAsync(CommentaryDbContext db, List<Guid> ids, CancellationToken cancellationToken)
    {
        var missing = ids.Where(id => !_features.ContainsKey(id)).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        foreach (var id in missing)
        {
            _features[id] = new Features([], []);
        }

        var rows = await db.Database.SqlQuery<FeatureRow>($"""
            SELECT article_id, topic_id AS feature, true AS is_topic FROM article_topics WHERE article_id = ANY ({missing})
            UNION SELECT article_id, source_id, false FROM quotes WHERE article_id = ANY ({missing})
            UNION SELECT article_id, outlet_id, false FROM quotes WHERE article_id = ANY ({missing}) AND outlet_id IS NOT NULL
            """).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            (row.IsTopic ? _features[row.ArticleId].Topics : _features[row.ArticleId].Sources).Add(row.Feature);
        }
    }

    private sealed record ListRow(Guid Key, Guid Id, DateTimeOffset PublishedAt);

    private sealed record FeatureRow(Guid ArticleId, Guid Feature, bool IsTopic);
}
