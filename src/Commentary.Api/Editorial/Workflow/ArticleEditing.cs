using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.Languages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Commentary.Api.Editorial.Workflow;

/// <summary>The steps every management operation on an article shares: load, check, save and answer, so that all behave alike.</summary>
internal static class ArticleEditing
{
    public const string SlugIndex = "ix_articles_slug";
    public const string DraftSlugIndex = "ix_articles_draft_slug";
    public const string ScheduledSlugIndex = "ix_articles_scheduled_slug";

    /// <summary>
    /// The non-deleted article with its translations and the published rows of its shared parts (which its draft falls
    /// back to), tracked; null for a malformed or unknown id.
    /// </summary>
    public static async Task<Article?> LoadAsync(CommentaryDbContext db, string id, CancellationToken cancellationToken, bool tracked = true)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return null;
        }

        var query = db.Articles
            .Include(a => a.Translations)
            .Include(a => a.Authors)
            .Include(a => a.Topics)
            .Include(a => a.Quotes)
            .Include(a => a.RelatedLinks)
            .AsSplitQuery();
        return await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(a => a.Id == guid && a.DeletedAt == null, cancellationToken);
    }

    /// <summary>For an update of the article: the tracked article once <c>If-Match</c> allows the update, or the problem (404, 428/412).</summary>
    public static async Task<(Article? Article, ProblemHttpResult? Problem)> LoadForUpdateAsync(
        HttpContext context, CommentaryDbContext db, string id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(db, id, cancellationToken) is not { } article)
        {
            return (null, NotFound(id));
        }

        return ETags.PreconditionProblem(context.Request, article.Version) is { } precondition ? (null, precondition) : (article, null);
    }

    /// <summary>
    /// For an update of one existing translation: the tracked article and its <paramref name="lang"/> translation once
    /// <c>If-Match</c> allows the update, or the problem (400 language, 404 article, 428/412, 404 translation).
    /// </summary>
    public static async Task<(Article? Article, Translation? Translation, ProblemHttpResult? Problem)> LoadTranslationForUpdateAsync(
        HttpContext context, CommentaryDbContext db, string id, string lang, CancellationToken cancellationToken)
    {
        if (!Language.TryNormalize(lang, out var language))
        {
            return (null, null, Problems.Validation("lang", Language.RuleDescription));
        }

        var (article, problem) = await LoadForUpdateAsync(context, db, id, cancellationToken);
        if (article is null)
        {
            return (null, null, problem);
        }

        return article.Translations.Find(t => t.Language == language) is { } translation
            ? (article, translation, null)
            : (null, null, Problems.NotFound($"The article has no '{language}' translation."));
    }

    public static ProblemHttpResult NotFound(string id) => Problems.NotFound($"No article has the id '{id}'.");

    public static ProblemHttpResult SlugTaken(string slug) =>
        Problems.Conflict($"The slug '{slug}' is already used by another article.", ErrorCodes.SlugTaken);

    /// <summary>
    /// Saves the unit of work. A writer that lost a race surfaces as a concurrency exception or as a duplicate
    /// revision or translation row, depending on which statement ran first; both mean "someone else changed it": 412.
    /// </summary>
    public static async Task<ProblemHttpResult?> SaveAsync(CommentaryDbContext db, string? slug, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.PreconditionFailed();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            return unique.ConstraintName is SlugIndex or DraftSlugIndex or ScheduledSlugIndex && slug is not null ? SlugTaken(slug) : Problems.PreconditionFailed();
        }
    }

    /// <summary>
    /// Saves an update and answers with the article as GET shows it (new ETag), or with the problem the save met. The
    /// one ending of every update that answers 200 with the article.
    /// </summary>
    public static async Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> SaveAndRespondAsync(
        HttpContext context, CommentaryDbContext db, Article article, CancellationToken cancellationToken, string? slug = null)
    {
        if (await SaveAsync(db, slug, cancellationToken) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await RespondAsync(context, db, article, cancellationToken));
    }

    /// <summary>
    /// The one shape of an update: load the article under <c>If-Match</c>, apply <paramref name="edit"/>, then save and
    /// answer with the article (or, when the edit changed nothing, answer without saving so the ETag stays).
    /// </summary>
    public static async Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> UpdateAsync(
        HttpContext context, CommentaryDbContext db, string id, Func<Article, Task<Edit>> edit, CancellationToken cancellationToken)
    {
        var (article, refused) = await LoadForUpdateAsync(context, db, id, cancellationToken);
        return article is null ? refused! : await FinishAsync(context, db, article, await edit(article), cancellationToken);
    }

    /// <summary>As <see cref="UpdateAsync"/>, for an update of one existing translation.</summary>
    public static async Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> UpdateTranslationAsync(
        HttpContext context, CommentaryDbContext db, string id, string lang, Func<Article, Translation, Task<Edit>> edit, CancellationToken cancellationToken)
    {
        var loaded = await LoadTranslationForUpdateAsync(context, db, id, lang, cancellationToken);
        return loaded is (Article article, Translation translation, null)
            ? await FinishAsync(context, db, article, await edit(article, translation), cancellationToken)
            : loaded.Problem!;
    }

    private static async Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> FinishAsync(
        HttpContext context, CommentaryDbContext db, Article article, Edit outcome, CancellationToken cancellationToken) => outcome switch
        {
            { Refusal: { } refusal } => refusal,
            { Changed: false } => TypedResults.Ok(await RespondAsync(context, db, article, cancellationToken)),
            _ => await SaveAndRespondAsync(context, db, article, cancellationToken, article.Draft.Slug),
        };

    /// <summary>The article as GET returns it, with its ETag header set.</summary>
    public static async Task<ManagedArticle> RespondAsync(HttpContext context, CommentaryDbContext db, Article article, CancellationToken cancellationToken)
    {
        var names = await PartNames.LoadAsync(db, [article.Draft, ArticleParts.Published(article)], cancellationToken);
        context.Response.Headers.ETag = ETags.ForVersion(article.Version);
        return article.ToManaged(names);
    }

    public const string RoutePrefix = "/api/manage/articles";

    public static string Location(Article article) => $"{RoutePrefix}/{article.Id}";
}

/// <summary>What an edit did to the loaded article: changed it (to be saved), left it as it was, or refused.</summary>
internal readonly record struct Edit(ProblemHttpResult? Refusal, bool Changed)
{
    public static Edit Changes => new(null, true);

    public static Edit NoChange => new(null, false);

    public static implicit operator Edit(ProblemHttpResult refusal) => new(refusal, false);
}
