using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Editions;

/// <summary>
/// One publish: when and by whom, the languages it named (<c>languages</c>), the draft revisions that went in
/// (<c>revisions</c> per published language, <c>partsRevision</c> for the shared parts), and whether readers see it now.
/// </summary>
public sealed record EditionSummary(
    int Number,
    DateTimeOffset PublishedAt,
    string PublishedBy,
    IReadOnlyList<string> Languages,
    IReadOnlyDictionary<string, int> Revisions,
    int PartsRevision,
    bool Current,
    DateTimeOffset? RedactedAt);

/// <summary>An edition in full: what readers were shown. <c>parts</c> and <c>texts</c> are null once it is redacted.</summary>
public sealed record EditionDetail(
    int Number,
    DateTimeOffset PublishedAt,
    string PublishedBy,
    IReadOnlyList<string> Languages,
    IReadOnlyDictionary<string, int> Revisions,
    int PartsRevision,
    bool Current,
    ManagedParts? Parts,
    IReadOnlyDictionary<string, EditionText>? Texts,
    DateTimeOffset? RedactedAt,
    string? RedactedBy,
    string? RedactionReason);

/// <summary>What the public saw of an article, edition by edition, newest first.</summary>
public static class ReadEditions
{
    public static async Task<Results<Ok<IReadOnlyList<EditionSummary>>, ProblemHttpResult>> List(
        string id, CommentaryDbContext db, CancellationToken cancellationToken)
    {
        if (await FindArticleAsync(db, id, cancellationToken) is not { } article)
        {
            return ArticleEditing.NotFound(id);
        }

        IReadOnlyList<EditionSummary> editions = await db.ArticleEditions.AsNoTracking()
            .Where(e => e.ArticleId == article.Id)
            .OrderByDescending(e => e.Number)
            .Select(e => new EditionSummary(e.Number, e.PublishedAt, e.PublishedBy, e.Languages, e.Revisions, e.PartsRevision,
                e.Number == article.PublishedEdition, e.RedactedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(editions);
    }

    public static async Task<Results<Ok<EditionDetail>, ProblemHttpResult>> Get(
        string id, int number, CommentaryDbContext db, CancellationToken cancellationToken)
    {
        if (await FindArticleAsync(db, id, cancellationToken) is not { } article)
        {
            return ArticleEditing.NotFound(id);
        }

        if (await FindAsync(db, article.Id, number, cancellationToken) is not { } edition)
        {
            return NotFound(number);
        }

        var names = await PartNames.LoadAsync(db, [edition.Parts], cancellationToken);
        return TypedResults.Ok(new EditionDetail(
            edition.Number, edition.PublishedAt, edition.PublishedBy, edition.Languages, edition.Revisions, edition.PartsRevision,
            edition.Number == article.PublishedEdition, edition.Parts is { } parts ? names.Show(parts) : null, edition.Texts,
            edition.RedactedAt, edition.RedactedBy, edition.RedactionReason));
    }

    internal static Task<ArticleEdition?> FindAsync(CommentaryDbContext db, Guid articleId, int number, CancellationToken cancellationToken) =>
        db.ArticleEditions.FirstOrDefaultAsync(e => e.ArticleId == articleId && e.Number == number, cancellationToken);

    internal static ProblemHttpResult NotFound(int number) => Problems.NotFound($"The article has no edition {number}.");

    private sealed record ArticleRef(Guid Id, int? PublishedEdition);

    private static async Task<ArticleRef?> FindArticleAsync(CommentaryDbContext db, string id, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var guid)
            ? await db.Articles.AsNoTracking().Where(a => a.Id == guid && a.DeletedAt == null)
                .Select(a => new ArticleRef(a.Id, a.PublishedEdition)).FirstOrDefaultAsync(cancellationToken)
            : null;
}
