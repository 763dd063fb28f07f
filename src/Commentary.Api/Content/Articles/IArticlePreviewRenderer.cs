namespace Commentary.Api.Content.Articles;

/// <summary>
/// Renders an article page exactly as <c>GET /api/articles/{slug}</c> answers it, from what the caller's unit of work
/// sees. The editorial preview publishes a draft in a transaction it then rolls back and needs Delivery's own read path
/// for the page in between; Editorial may not use Delivery, so the two meet here. Delivery implements and registers it.
/// </summary>
public interface IArticlePreviewRenderer
{
    /// <summary>
    /// The page of <paramref name="slug"/> for a reader asking for <paramref name="language"/>, or null while the article
    /// is not public. <paramref name="stampedAt"/> is the time the previewed publish wrote: instants from it on are left out
    /// of <see cref="RenderedPage.ContentETag"/>.
    /// </summary>
    Task<RenderedPage?> RenderAsync(string slug, string language, DateTimeOffset stampedAt, CancellationToken cancellationToken);
}

/// <param name="Body">The JSON bytes the public article endpoint would send.</param>
/// <param name="ServedLanguage">The language served (after fallback), for <c>Content-Language</c>.</param>
/// <param name="ContentETag">
/// A strong ETag of the page without the publication instants the preview stamped, so the same drafts preview to the same
/// ETag however long an editor waits before publishing them.
/// </param>
public sealed record RenderedPage(byte[] Body, string ServedLanguage, string ContentETag);
