using Commentary.Api.Content.Conversion;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.Languages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Taxonomy;

/// <summary>How many terms a conversion of the whole taxonomy filled (of how many it looked at).</summary>
public sealed record TaxonomyConversionResult(int Converted, int Terms);

/// <summary>
/// Fills a missing script from the other: where a name (or the term's own text: role, bio, description) has 简体 but no
/// 繁體, the 繁體 becomes its conversion (s2tw, glossary first), and the reverse (tw2s). Nothing written by a person is
/// replaced, and English is never touched; the result is ordinary text an editor corrects with PUT. Names are shown on
/// articles, so a change reaches readers and partners as a replace does.
/// </summary>
public static class TaxonomyConversion<TTaxonomy, TTerm, TRequest, TResponse>
    where TTaxonomy : ITaxonomy<TTerm, TRequest, TResponse>
    where TTerm : TaxonomyTerm
    where TRequest : ITaxonomyRequest
{
    private const int Batch = 500;

    public static async Task<Results<Ok<TResponse>, ProblemHttpResult>> ConvertOne(
        string slug, CommentaryDbContext db, ContentConverter converter, ArticlePublisher publisher, TimeProvider clock, HttpContext context,
        CancellationToken cancellationToken)
    {
        if (await TaxonomyHandlers<TTaxonomy, TTerm, TRequest, TResponse>.FindAsync(db, slug, cancellationToken) is not { } term)
        {
            return TaxonomyHandlers<TTaxonomy, TTerm, TRequest, TResponse>.NotFound(slug);
        }

        if (ETags.PreconditionProblem(context.Request, term.Version, required: true) is { } precondition)
        {
            return precondition;
        }

        if (await FillAsync(term, converter, clock.GetUtcNow(), cancellationToken))
        {
            await TaxonomyHandlers<TTaxonomy, TTerm, TRequest, TResponse>.SaveWithArticlesAsync(db, publisher, [term], term.UpdatedAt, cancellationToken);
        }

        context.Response.Headers.ETag = ETags.ForVersion(term.Version);
        return TypedResults.Ok(TTaxonomy.ToResponse(term));
    }

    public static async Task<Ok<TaxonomyConversionResult>> ConvertAll(
        CommentaryDbContext db, ContentConverter converter, ArticlePublisher publisher, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (converted, seen) = (0, 0);
        Guid? after = null;
        while (true)
        {
            // A batch at a time, each its own transaction, so a large taxonomy neither holds every row lock nor loads at once.
            var query = db.Set<TTerm>().AsQueryable();
            var batch = await (after is { } last ? query.Where(t => t.Id.CompareTo(last) > 0) : query)
                .OrderBy(t => t.Id).Take(Batch).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var changed = new List<TTerm>();
            foreach (var term in batch)
            {
                if (await FillAsync(term, converter, now, cancellationToken))
                {
                    changed.Add(term);
                }
            }

            if (changed.Count > 0)
            {
                await TaxonomyHandlers<TTaxonomy, TTerm, TRequest, TResponse>.SaveWithArticlesAsync(db, publisher, changed, now, cancellationToken);
            }

            (converted, seen, after) = (converted + changed.Count, seen + batch.Count, batch[^1].Id);
            db.ChangeTracker.Clear();
        }

        return TypedResults.Ok(new TaxonomyConversionResult(converted, seen));
    }

    /// <summary>Fills the missing scripts of the term's texts; bumps its version when anything was filled.</summary>
    private static async Task<bool> FillAsync(TTerm term, ContentConverter converter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filled = await FillAsync(term.Name, converter, cancellationToken) | await FillAsync(TTaxonomy.OwnText(term), converter, cancellationToken);
        if (filled)
        {
            term.Version++;
            term.UpdatedAt = now;
        }

        return filled;
    }

    private static async Task<bool> FillAsync(LocalizedText text, ContentConverter converter, CancellationToken cancellationToken)
    {
        foreach (var from in new[] { Language.Simplified, Language.Traditional })
        {
            var to = ContentConverter.CounterpartOf(from)!;
            if (text[from] is { Length: > 0 } source && string.IsNullOrEmpty(text[to]))
            {
                text[to] = await converter.ConvertPlainAsync(source, ContentConverter.DefaultFrom(from), cancellationToken);
                return true;
            }
        }

        return false;
    }
}
