using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Delivery.Related;

namespace Commentary.Api.Delivery.Articles;

/// <summary>
/// The live read of an article page: the published snapshot with its related list. What <c>GET /api/articles/{slug}</c>
/// serves while no prebuilt page is current, and what previews render, so the two cannot drift apart.
/// </summary>
public sealed class LiveArticlePages(PublicArticleReader reader, RelatedArticles related)
{
    public async Task<PublicArticle?> ReadAsync(string slug, string? language, CancellationToken cancellationToken)
    {
        if (await reader.FindPublishedAsync(slug, language, cancellationToken) is not { } article)
        {
            return null;
        }

        // The detail page carries the same "related" list as /related with its default size: curated, then suggested.
        return article with { Related = await related.ForAsync(article, RelatedArticles.DefaultLimit, cancellationToken) };
    }
}
