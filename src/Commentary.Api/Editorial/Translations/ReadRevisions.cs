using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Languages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Translations;

public sealed record RevisionSummary(int Number, DateTimeOffset CreatedAt, string? CreatedBy, string Title, int? SourceRevision, bool MachineConverted, bool Published);

public sealed record RevisionDetail(
    int Number, DateTimeOffset CreatedAt, string? CreatedBy, string Title, string? Summary, string Body, string? Translator, int? SourceRevision, bool MachineConverted, bool Published);

/// <summary>The history of one translation, newest first.</summary>
public static class ReadRevisions
{
    public static async Task<Results<Ok<IReadOnlyList<RevisionSummary>>, ProblemHttpResult>> List(
        string id, string lang, CommentaryDbContext db, CancellationToken cancellationToken)
    {
        var (translation, problem) = await FindTranslationAsync(db, id, lang, cancellationToken);
        if (translation is null)
        {
            return problem!;
        }

        IReadOnlyList<RevisionSummary> revisions = await db.TranslationRevisions.AsNoTracking()
            .Where(r => r.TranslationId == translation.Id)
            .OrderByDescending(r => r.Number)
            .Select(r => new RevisionSummary(r.Number, r.CreatedAt, r.CreatedBy, r.Title, r.SourceRevision, r.MachineConverted, r.Number == translation.PublishedRevision))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(revisions);
    }

    public static async Task<Results<Ok<RevisionDetail>, ProblemHttpResult>> Get(
        string id, string lang, int number, CommentaryDbContext db, CancellationToken cancellationToken)
    {
        var (translation, problem) = await FindTranslationAsync(db, id, lang, cancellationToken);
        if (translation is null)
        {
            return problem!;
        }

        var revision = await db.TranslationRevisions.AsNoTracking()
            .Where(r => r.TranslationId == translation.Id && r.Number == number)
            .Select(r => new RevisionDetail(r.Number, r.CreatedAt, r.CreatedBy, r.Title, r.Summary, r.Body, r.Translator, r.SourceRevision, r.MachineConverted,
                r.Number == translation.PublishedRevision))
            .FirstOrDefaultAsync(cancellationToken);
        return revision is null ? Problems.NotFound($"The '{translation.Language}' translation has no revision {number}.") : TypedResults.Ok(revision);
    }

    internal static async Task<(Translation? Translation, ProblemHttpResult? Problem)> FindTranslationAsync(
        CommentaryDbContext db, string id, string lang, CancellationToken cancellationToken)
    {
        if (!Language.TryNormalize(lang, out var language))
        {
            return (null, Problems.Validation("lang", Language.RuleDescription));
        }

        if (!Guid.TryParse(id, out var articleId))
        {
            return (null, ArticleEditing.NotFound(id));
        }

        var translation = await db.Translations.AsNoTracking()
            .Where(t => t.ArticleId == articleId && t.Language == language && db.Set<Article>().Any(a => a.Id == articleId && a.DeletedAt == null))
            .FirstOrDefaultAsync(cancellationToken);
        return translation is null
            ? (null, Problems.NotFound($"No article '{id}' with a '{language}' translation exists."))
            : (translation, null);
    }
}
