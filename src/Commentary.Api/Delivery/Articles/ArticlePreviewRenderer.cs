using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Http;

namespace Commentary.Api.Delivery.Articles;

/// <summary>Delivery's side of the preview: the live article page, serialized as the public endpoint serializes it.</summary>
internal sealed class ArticlePreviewRenderer(LiveArticlePages pages, PublicResponses responses) : IArticlePreviewRenderer
{
    public async Task<RenderedPage?> RenderAsync(string slug, string language, DateTimeOffset stampedAt, CancellationToken cancellationToken)
    {
        if (await pages.ReadAsync(slug, language, cancellationToken) is not { } article)
        {
            return null;
        }

        // PostgreSQL keeps microseconds: the stamp as read back may be up to a tick below the one written.
        var stamp = stampedAt.AddTicks(-(stampedAt.Ticks % 10));
        var unstamped = article with { PublishedAt = Unstamped(article.PublishedAt), UpdatedAt = Unstamped(article.UpdatedAt) };
        return new RenderedPage(responses.Serialize(article), article.Language, ETags.ForContent(responses.Serialize(unstamped)));

        DateTimeOffset Unstamped(DateTimeOffset instant) => instant >= stamp ? DateTimeOffset.UnixEpoch : instant;
    }
}
