using Commentary.Api.Content;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Delivery.Related;

/// <summary>
/// The "You might also like" list of an article: its curated links first, in their order (internal ones resolved to
/// the target's published title in the reader's language and dropped while the target is not public), then automatic
/// suggestions up to the limit.
/// </summary>
public sealed class RelatedArticles(CommentaryDbContext db, PublicArticleReader reader, SuggestionCandidates candidates)
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
        var request = new SuggestionCandidates.Request(id, curatedTargets.Append(id).ToHashSet(), wanted);
        return (await candidates.SuggestAsync([request], cancellationToken))[id];
    }
}
