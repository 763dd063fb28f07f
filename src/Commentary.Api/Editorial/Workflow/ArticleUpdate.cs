using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Editorial.Workflow;

/// <summary>
/// What every update of an article is given, bound with <c>[AsParameters]</c> so that a handler's signature names only
/// the route values and the body it edits with, and every update loads, checks, saves and answers the same way.
/// </summary>
public readonly record struct ArticleUpdate(
    HttpContext Context, CommentaryDbContext Db, ArticlePublisher Publisher, TimeProvider Time, CancellationToken CancellationToken)
{
    internal Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> ApplyAsync(string id, Func<Article, Task<Edit>> edit) =>
        ArticleEditing.UpdateAsync(Context, Db, id, edit, CancellationToken);

    internal Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> ApplyToTranslationAsync(
        string id, string lang, Func<Article, Translation, Task<Edit>> edit) =>
        ArticleEditing.UpdateTranslationAsync(Context, Db, id, lang, edit, CancellationToken);

    internal Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> ApplyToTranslationAsync(
        string id, string lang, Func<Article, Translation, Edit> edit) =>
        ApplyToTranslationAsync(id, lang, (article, translation) => Task.FromResult(edit(article, translation)));

    /// <summary>
    /// An edit that makes no sense for the original language (removing it, marking it current against itself): the
    /// original is refused with a 409 that says, after its language, <paramref name="whyNotTheOriginal"/>.
    /// </summary>
    internal Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> ApplyToNonOriginalTranslationAsync(
        string id, string lang, string whyNotTheOriginal, Func<Article, Translation, Task<Edit>> edit) =>
        ApplyToTranslationAsync(id, lang, (article, translation) => translation.Language == article.OriginalLanguage
            ? Task.FromResult<Edit>(Problems.Conflict($"'{translation.Language}' {whyNotTheOriginal}"))
            : edit(article, translation));

    internal Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> ApplyToNonOriginalTranslationAsync(
        string id, string lang, string whyNotTheOriginal, Func<Article, Translation, Edit> edit) =>
        ApplyToNonOriginalTranslationAsync(id, lang, whyNotTheOriginal, (article, translation) => Task.FromResult(edit(article, translation)));

    /// <summary>
    /// Saves <paramref name="edit"/> of the draft of the shared parts (quotes, links, metadata): readers see it at the
    /// next publish. A draft equal to what readers are shown is stored as no draft; an edit that changes nothing keeps
    /// the version.
    /// </summary>
    internal static Edit EditDraftParts(Article article, Func<ArticleParts, ArticleParts> edit, DateTimeOffset now)
    {
        var draft = edit(article.Draft);
        if (draft.DifferencesFrom(article.Draft).Count == 0)
        {
            return Edit.NoChange;
        }

        article.DraftParts = draft.DifferencesFrom(ArticleParts.Published(article)).Count == 0 ? null : draft;
        article.PartsRevision++;
        article.Touch(now);
        return Edit.Changes;
    }
}
