using Commentary.Api.Content;
using Commentary.Api.Content.Conversion;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Validation;
using Commentary.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Commentary.Api.Editorial.Glossary;

/// <summary>
/// Create, replace and delete a glossary term. Each change converts again, in the same transaction, every unreviewed
/// conversion whose source contains the term (before or after the change) and whose text would now differ; the
/// <c>Conversions-Refreshed</c> header says how many. Reviewed conversions are a person's text and stay as they are.
/// </summary>
public static class ManageGlossary
{
    public const string Route = "/api/manage/glossary";

    public const string RefreshedHeader = "Conversions-Refreshed";

    public static async Task<Results<Created<ManagedGlossaryTerm>, ProblemHttpResult>> Create(
        GlossaryTermRequest request, CommentaryDbContext db, GlossaryRefresh refresh, TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        var term = new GlossaryTerm { SourceLanguage = "", Term = "" };
        Apply(request, term);
        term.CreatedAt = term.UpdatedAt = clock.GetUtcNow();
        db.GlossaryTerms.Add(term);
        if (await SaveAsync(db, refresh, term, null, term.UpdatedAt, context, cancellationToken) is { } problem)
        {
            return problem;
        }

        return TypedResults.Created($"{Route}/{term.Id}", ManagedGlossaryTerm.Of(term));
    }

    public static async Task<Results<Ok<ManagedGlossaryTerm>, ProblemHttpResult>> Replace(
        string id, GlossaryTermRequest request, CommentaryDbContext db, GlossaryRefresh refresh, TimeProvider clock, HttpContext context,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(db, id, cancellationToken) is not { } term)
        {
            return NotFound(id);
        }

        if (ETags.PreconditionProblem(context.Request, term.Version, required: true) is { } precondition)
        {
            return precondition;
        }

        var before = (term.SourceLanguage, term.Term, term.Config);
        Apply(request, term);
        db.ChangeTracker.DetectChanges();
        if (db.Entry(term).State == EntityState.Modified)
        {
            term.Version++;
            term.UpdatedAt = clock.GetUtcNow();
            if (await SaveAsync(db, refresh, term, before, term.UpdatedAt, context, cancellationToken) is { } problem)
            {
                return problem;
            }
        }

        context.Response.Headers.ETag = ETags.ForVersion(term.Version);
        return TypedResults.Ok(ManagedGlossaryTerm.Of(term));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, CommentaryDbContext db, GlossaryRefresh refresh, TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, id, cancellationToken) is not { } term)
        {
            return NotFound(id);
        }

        if (ETags.PreconditionProblem(context.Request, term.Version, required: false) is { } precondition)
        {
            return precondition;
        }

        db.GlossaryTerms.Remove(term);
        return await SaveAsync(db, refresh, term, null, clock.GetUtcNow(), context, cancellationToken) is { } problem ? problem : TypedResults.NoContent();
    }

    internal static async Task<GlossaryTerm?> FindAsync(CommentaryDbContext db, string id, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var guid) ? await db.GlossaryTerms.FirstOrDefaultAsync(t => t.Id == guid, cancellationToken) : null;

    internal static ProblemHttpResult NotFound(string id) => Problems.NotFound($"No glossary term has the id '{id}'.");

    private static void Apply(GlossaryTermRequest request, GlossaryTerm term)
    {
        Language.TryNormalize(request.From, out var from);
        term.SourceLanguage = from;
        term.Term = TextRules.Clean(request.Term);
        term.Config = ConversionConfig.TryParse(request.Config, out var config) ? config.Name : GlossaryTerm.EveryConfig;
        term.Replacement = request.Replacement is null ? null : TextRules.Clean(request.Replacement) is { Length: > 0 } replacement ? replacement : null;
        term.Note = TextRules.TrimToNull(request.Note);
    }

    /// <summary>Saves the term, then refreshes the conversions it affects with the new glossary, in one transaction.</summary>
    private static async Task<ProblemHttpResult?> SaveAsync(
        CommentaryDbContext db, GlossaryRefresh refresh, GlossaryTerm term, (string Language, string Term, string Config)? before, DateTimeOffset now,
        HttpContext context, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problems.Conflict($"term: '{term.Term}' is already in the glossary for conversions from {term.SourceLanguage}" +
                (term.Config == GlossaryTerm.EveryConfig ? "." : $" with {term.Config}.") + " Change that entry instead.");
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.PreconditionFailed();
        }

        var affected = new List<(string, string, string)> { (term.SourceLanguage, term.Term, term.Config) };
        if (before is { } old && old != affected[0])
        {
            affected.Add(old);
        }

        var refreshed = await refresh.RefreshAsync(affected, context.User.KeyName(), now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        context.Response.Headers[RefreshedHeader] = refreshed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (db.Entry(term).State != EntityState.Detached)
        {
            context.Response.Headers.ETag = ETags.ForVersion(term.Version);
        }

        return null;
    }
}
