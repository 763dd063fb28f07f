using System.Data;
using Commentary.Api.Content.Articles;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Preview;

/// <summary>A page as it will read once one language's draft is published, and the article version it was rendered from.</summary>
public sealed record PreviewPage(byte[] Body, string ETag, string Language, int ArticleVersion);

/// <summary>
/// Previews by doing the real thing and taking it back: in one transaction the draft is published by
/// <see cref="ArticlePublisher"/> and saved, Delivery renders the public page from that state
/// (<see cref="IArticlePreviewRenderer"/>, the live read of <c>GET /api/articles/{slug}</c>), and the transaction is rolled
/// back. The rollback takes the published fields, search vectors, <c>content_changes</c> rows, webhook outbox rows and
/// <c>rendition_queue</c> rows (trigger) with it; the output-cache invalidator evicts only after a commit and forgets on
/// rollback. While the transaction runs (milliseconds) it locks the article's rows and, like any write, holds the partner
/// sync fence back; nothing it wrote is ever visible. Each preview runs in a scope of its own, so no caller's tracked
/// entities see the rolled-back state.
/// </summary>
public sealed class ArticlePreview(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>
    /// The page of article <paramref name="id"/> for a reader of <paramref name="language"/> once its draft is published,
    /// other languages as published (null language: the original); or the problem (404 article or translation).
    /// </summary>
    public async Task<(PreviewPage? Page, ProblemHttpResult? Problem)> RenderAsync(string id, string? language, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CommentaryDbContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            // Repeatable read: the page is read in several statements, all from one snapshot, as the public read does.
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            try
            {
                return await PublishAndRenderAsync(services, db, id, language, cancellationToken);
            }
            finally
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
            }
        });
    }

    /// <summary>
    /// Whether <c>If-Match</c> names the preview of this publish as it reads now. A preview shows one language published,
    /// so it vouches for a publish of exactly that language (or of all, when the article has no other translation).
    /// </summary>
    public async Task<bool> IfMatchNamesPreviewAsync(HttpRequest request, Article article, IReadOnlyCollection<string> languages, CancellationToken cancellationToken)
    {
        var previewed = languages.Count == 1 ? languages.First()
            : languages.Count == 0 && article.Translations.Count == 1 ? article.Translations[0].Language
            : null;
        if (previewed is null || request.Headers.IfMatch.Count == 0)
        {
            return false;
        }

        var (page, _) = await RenderAsync(article.Id.ToString(), previewed, cancellationToken);
        return page is not null && page.ArticleVersion == article.Version && ETags.IfMatchNames(request, page.ETag);
    }

    private async Task<(PreviewPage?, ProblemHttpResult?)> PublishAndRenderAsync(
        IServiceProvider services, CommentaryDbContext db, string id, string? language, CancellationToken cancellationToken)
    {
        if (await ArticleEditing.LoadAsync(db, id, cancellationToken) is not { } article)
        {
            return (null, ArticleEditing.NotFound(id));
        }

        var previewed = language ?? article.OriginalLanguage;
        if (article.Translations.TrueForAll(t => t.Language != previewed))
        {
            return (null, Problems.NotFound($"The article has no '{previewed}' translation to preview."));
        }

        var version = article.Version;
        // Whole microseconds, as PostgreSQL stores them, so the renderer recognises the instants this publish wrote.
        var now = time.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % 10));
        await services.GetRequiredService<ArticlePublisher>().PublishDraftAsync(article, [previewed], "preview", now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var page = await services.GetRequiredService<IArticlePreviewRenderer>().RenderAsync(article.Slug, previewed, now, cancellationToken);
        return page is null
            ? (null, ArticleEditing.NotFound(id))
            : (new PreviewPage(page.Body, page.ContentETag, page.ServedLanguage, version), null);
    }
}
