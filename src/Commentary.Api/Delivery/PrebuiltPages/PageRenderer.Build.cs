using System.Text.Json;
using Commentary.Api.Content;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Delivery.Related;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.Languages;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Delivery.PrebuiltPages;

/// <summary>Building renditions: the live read's own pieces, once per language, with one suggestion pass per batch.</summary>
public sealed partial class PageRenderer
{
    /// <summary>Every rendition of the public articles among <paramref name="ids"/>, as the live read builds them.</summary>
    internal async Task<List<PrebuiltPage>> BuildAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken, SuggestionLists? kept = null)
    {
        var perLanguage = new Dictionary<string, IReadOnlyList<PublicArticle>>();
        foreach (var language in Language.All)
        {
            perLanguage[language] = await reader.ReadAsync(ids, language, cancellationToken);
        }

        var publicIds = perLanguage[Language.English].Select(a => Guid.Parse(a.Id)).ToList();
        var curatedTargets = (await db.RelatedLinks.AsNoTracking()
                .Where(r => publicIds.Contains(r.ArticleId) && r.TargetArticleId != null)
                .Select(r => new { r.ArticleId, Target = r.TargetArticleId!.Value })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.ArticleId, r => r.Target);
        // Curated links that survive resolution do not depend on the language, so neither does the number to suggest.
        var requests = perLanguage[Language.English]
            .Select(a => new SuggestionCandidates.Request(Guid.Parse(a.Id), curatedTargets[Guid.Parse(a.Id)].Append(Guid.Parse(a.Id)).ToHashSet(), RelatedArticles.DefaultLimit - a.Related.Count))
            .ToList();
        var suggestions = await candidates.SuggestAsync(requests.Where(r => r.Wanted > 0).ToList(), cancellationToken, kept);
        foreach (var request in requests.Where(r => r.Wanted <= 0))
        {
            suggestions[request.ArticleId] = [];
        }

        var targets = await reader.ReadLinkTargetsAsync(suggestions.Values.SelectMany(s => s).Distinct().ToList(), cancellationToken);
        var builtAt = time.GetUtcNow();

        var renditions = new List<PrebuiltPage>();
        foreach (var (language, articles) in perLanguage)
        {
            foreach (var article in articles)
            {
                var id = Guid.Parse(article.Id);
                var detail = article with
                {
                    Related = related.WithSuggestions(article.Related.Take(RelatedArticles.DefaultLimit), suggestions[id], targets, article.RequestedLanguage),
                };
                var body = JsonSerializer.SerializeToUtf8Bytes(detail, json.Value.SerializerOptions);
                renditions.Add(new PrebuiltPage
                {
                    ArticleId = id,
                    RequestedLanguage = language,
                    Slug = article.Slug,
                    OriginalLanguage = article.OriginalLanguage,
                    ServedLanguage = article.Language,
                    Body = body,
                    ETag = ETags.ForContent(body),
                    // The read takes the later of this and the catalogue's newest change, as the live page does.
                    LastModified = article.UpdatedAt,
                    DependsOn = [.. new[] { id }.Concat(curatedTargets[id]).Concat(suggestions[id]).Distinct()],
                    Format = format.Key,
                    BuiltAt = builtAt,
                });
            }
        }

        return renditions;
    }
}
