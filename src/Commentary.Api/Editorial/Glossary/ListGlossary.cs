using Commentary.Api.Content;
using Commentary.Api.Content.Conversion;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Glossary;

public sealed record ListGlossaryQuery(
    [FromQuery(Name = "from")] string? From = null,
    [FromQuery(Name = "q")] string? Q = null,
    [FromQuery(Name = "limit")] string? Limit = null,
    [FromQuery(Name = "cursor")] string? Cursor = null);

public sealed class ListGlossaryQueryValidator : AbstractValidator<ListGlossaryQuery>
{
    public ListGlossaryQueryValidator()
    {
        RuleFor(q => q.From).Must(f => f is null || Language.TryNormalize(f, out var tag) && ContentConverter.CounterpartOf(tag) is not null)
            .WithMessage("must be zh-Hans or zh-Hant.");
        RuleFor(q => q.Q).ValidText(GlossaryTerm.TermMaxLength * 2);
    }
}

/// <summary>The glossary by term (then direction and configuration), filtered by <c>from</c> and <c>q</c>; one term with its ETag.</summary>
public static class ListGlossary
{
    private static readonly PageShape Shape = new("glossary", 4);

    public static async Task<Results<Ok<Page<ManagedGlossaryTerm>>, ProblemHttpResult>> List(
        [AsParameters] ListGlossaryQuery query, CommentaryDbContext db, CursorCodec codec, CancellationToken cancellationToken)
    {
        if (PageRequest.TryCreate(new PageQuery(query.Limit, query.Cursor), Shape, codec, out var problem) is not { } page)
        {
            return problem!;
        }

        var terms = db.GlossaryTerms.AsNoTracking();
        if (query.From is not null && Language.TryNormalize(query.From, out var from))
        {
            terms = terms.Where(t => t.SourceLanguage == from);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim();
            terms = terms.Where(t => t.Term.Contains(q) || (t.Replacement != null && t.Replacement.Contains(q)) || (t.Note != null && t.Note.Contains(q)));
        }

        // The cursor holds the whole key (term, direction, configuration, id), as a term may be listed once per direction and configuration.
        if (page.After is [var term, var language, var config, var id])
        {
            if (!Guid.TryParse(id, out var lastId))
            {
                return Problems.Validation("cursor", PageRequest.InvalidCursor);
            }

            terms = terms.Where(t => string.Compare(t.Term, term) > 0
                || t.Term == term && (string.Compare(t.SourceLanguage, language) > 0
                    || t.SourceLanguage == language && (string.Compare(t.Config, config) > 0 || t.Config == config && t.Id.CompareTo(lastId) > 0)));
        }

        var rows = await terms.OrderBy(t => t.Term).ThenBy(t => t.SourceLanguage).ThenBy(t => t.Config).ThenBy(t => t.Id)
            .Take(page.Limit + 1).ToListAsync(cancellationToken);
        var next = rows.Count > page.Limit && rows[page.Limit - 1] is var last
            ? codec.Encode(Shape.CursorKind, last.Term, last.SourceLanguage, last.Config, last.Id.ToString())
            : null;
        return TypedResults.Ok(new Page<ManagedGlossaryTerm>(rows.Take(page.Limit).Select(ManagedGlossaryTerm.Of).ToList(), next));
    }

    public static async Task<Results<Ok<ManagedGlossaryTerm>, ProblemHttpResult>> Get(
        string id, CommentaryDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        if (await ManageGlossary.FindAsync(db, id, cancellationToken) is not { } term)
        {
            return ManageGlossary.NotFound(id);
        }

        context.Response.Headers.ETag = ETags.ForVersion(term.Version);
        return TypedResults.Ok(ManagedGlossaryTerm.Of(term));
    }
}
