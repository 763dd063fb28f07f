using Commentary.Api.Data;
using Commentary.Api.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Features.Related;

/// <summary>
/// The "You might also like" list of an article: its curated links first, in their order (internal ones resolved to
/// the target's published title in the reader's language and dropped while the target is not public), then automatic
/// suggestions up to the limit.
/// </summary>
public sealed class RelatedArticles(CommentaryDbContext db, PublicArticleReader reader)
{
    public const int DefaultLimit = 5;
    public const int MaxLimit = 20;

    /// <summary>Weights of the suggestion score: a shared topic counts more than a shared quoted source; recency breaks ties.</summary>
    internal const int TopicWeight = 3;
    internal const int SourceWeight = 2;

    /// <summary>How many of the newest articles sharing a topic or source are scored.</summary>
    internal const int ScoredCandidates = 300;

    public async Task<IReadOnlyList<PublicRelatedLink>> ForAsync(PublicArticle article, int limit, CancellationToken cancellationToken)
    {
        var curated = article.Related.Take(limit).ToList();
        if (curated.Count >= limit)
        {
            return curated;
        }

        var suggestions = await SuggestAsync(Guid.Parse(article.Id), limit - curated.Count, cancellationToken);
        return WithSuggestions(curated, suggestions, await reader.ReadLinkTargetsAsync(suggestions, cancellationToken), article.RequestedLanguage);
    }

    /// <summary>The curated links followed by the suggestions that are public in <paramref name="targets"/>, titled for <paramref name="requestedLanguage"/>.</summary>
    public IReadOnlyList<PublicRelatedLink> WithSuggestions(
        IEnumerable<PublicRelatedLink> curated, IEnumerable<Guid> suggestions, IReadOnlyDictionary<Guid, PublicArticleReader.LinkTarget> targets, string requestedLanguage)
    {
        var links = curated.ToList();
        foreach (var suggestion in suggestions.Where(targets.ContainsKey))
        {
            var (language, title, url) = reader.ResolveTitle(targets[suggestion], requestedLanguage);
            links.Add(new PublicRelatedLink("article", targets[suggestion].Slug, url, title, language, Suggested: true));
        }

        return links;
    }

    /// <summary>Up to <paramref name="wanted"/> other public articles to suggest beside article <paramref name="id"/>, best first (not its curated targets).</summary>
    public async Task<List<Guid>> SuggestAsync(Guid id, int wanted, CancellationToken cancellationToken)
    {
        var curatedTargets = await db.RelatedLinks.AsNoTracking()
            .Where(r => r.ArticleId == id && r.TargetArticleId != null)
            .Select(r => r.TargetArticleId!.Value)
            .ToListAsync(cancellationToken);
        var topicIds = await db.ArticleTopics.AsNoTracking().Where(t => t.ArticleId == id).Select(t => t.TopicId).ToListAsync(cancellationToken);
        var sourceIds = await db.Quotes.AsNoTracking().Where(q => q.ArticleId == id)
            .Select(q => q.SourceId)
            .Union(db.Quotes.Where(q => q.ArticleId == id && q.OutletId != null).Select(q => q.OutletId!.Value))
            .ToListAsync(cancellationToken);

        // Only articles sharing a topic or a quoted source can score; they are found through the link tables' indexes,
        // so a detail page never scores the whole catalogue. Newest articles fill what they leave, as score 0 ties would.
        var sharing = db.ArticleTopics.Where(t => topicIds.Contains(t.TopicId)).Select(t => t.ArticleId)
            .Concat(db.Quotes.Where(q => sourceIds.Contains(q.SourceId) || (q.OutletId != null && sourceIds.Contains(q.OutletId.Value))).Select(q => q.ArticleId));
        var candidates = db.Articles.AsNoTracking()
            .Where(PublicArticleReader.IsPublic)
            .Where(a => a.Id != id && !curatedTargets.Contains(a.Id));
        // Scoring is bounded: only the newest articles among those sharing something are scored, so a popular topic
        // with thousands of articles costs the same as a rare one. A news reader wants recent related pieces anyway.
        var recentSharing = candidates
            .Where(a => sharing.Contains(a.Id))
            .OrderByDescending(a => a.FirstPublishedAt).ThenByDescending(a => a.Id)
            .Take(ScoredCandidates)
            .Select(a => a.Id);
        var suggestions = await candidates
            .Where(a => recentSharing.Contains(a.Id))
            .Select(a => new
            {
                a.Id,
                a.FirstPublishedAt,
                Score = a.Topics.Count(t => topicIds.Contains(t.TopicId)) * TopicWeight
                    + a.Quotes.Select(q => q.SourceId).Where(s => sourceIds.Contains(s))
                        .Union(a.Quotes.Where(q => q.OutletId != null).Select(q => q.OutletId!.Value).Where(s => sourceIds.Contains(s)))
                        .Count() * SourceWeight,
            })
            .OrderByDescending(a => a.Score).ThenByDescending(a => a.FirstPublishedAt).ThenByDescending(a => a.Id)
            .Take(wanted)
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        if (suggestions.Count < wanted)
        {
            suggestions.AddRange(await candidates
                .Where(a => !suggestions.Contains(a.Id))
                .OrderByDescending(a => a.FirstPublishedAt).ThenByDescending(a => a.Id)
                .Take(wanted - suggestions.Count)
                .Select(a => a.Id)
                .ToListAsync(cancellationToken));
        }

        return suggestions;
    }
}
