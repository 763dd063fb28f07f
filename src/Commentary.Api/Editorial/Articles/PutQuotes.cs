using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Articles;

/// <summary>Words of <c>source</c>, optionally as reported by <c>outlet</c> (a source of kind outlet), per language.</summary>
public sealed record QuoteRequest(string Source, IDictionary<string, string> Text, string? Outlet = null);

public sealed class QuoteListValidator() : ItemListValidator<QuoteRequest>(new QuoteRequestValidator(), MaxQuotes)
{
    public const int MaxQuotes = 200;
}

public sealed class QuoteRequestValidator : AbstractValidator<QuoteRequest>
{
    public QuoteRequestValidator()
    {
        RuleFor(q => q.Source).NotEmpty().Must(Slugs.IsValid).WithMessage(Slugs.RuleDescription);
        RuleFor(q => q.Outlet).Must(o => o is null || Slugs.IsValid(o)).WithMessage(Slugs.RuleDescription);
        RuleFor(q => q.Text).ValidLocalizedText(Quote.TextMaxLength, required: true);
    }
}

public static class PutQuotes
{
    public static Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(
        string id, List<QuoteRequest> request, [AsParameters] ArticleUpdate update, TranslationConversions conversions) =>
        update.ApplyAsync(id, async article =>
        {
            var slugs = request.SelectMany(q => new[] { q.Source, q.Outlet }).OfType<string>().Distinct().ToList();
            var sources = await update.Db.Sources.Where(s => slugs.Contains(s.Slug)).ToDictionaryAsync(s => s.Slug, update.CancellationToken);
            var errors = new Dictionary<string, string[]>();
            for (var i = 0; i < request.Count; i++)
            {
                if (!sources.ContainsKey(request[i].Source))
                {
                    errors[$"[{i}].source"] = [$"No source has the slug '{request[i].Source}'."];
                }

                if (request[i].Outlet is { } outlet && (!sources.TryGetValue(outlet, out var found) || found.Kind != SourceKind.Outlet))
                {
                    errors[$"[{i}].outlet"] = [$"No source of kind outlet has the slug '{outlet}'."];
                }
            }

            if (errors.Count > 0)
            {
                return Problems.Validation(errors);
            }

            // A quote keeps its id while it stays in its place with its source, so a publish updates its row in place.
            var current = article.Draft.Quotes;
            var quotes = request.Select((q, index) => new QuotePart(
                index < current.Count && current[index].SourceId == sources[q.Source].Id ? current[index].Id : Guid.CreateVersion7(),
                sources[q.Source].Id,
                q.Outlet is null ? null : sources[q.Outlet].Id,
                LocalizedText.From(new Dictionary<string, string>(q.Text)).ToDictionary())).ToList();
            // An unreviewed conversion keeps the quotes' words in its language in step with its source, as it does its text.
            var refreshed = await conversions.RefreshQuotesAsync(article, current, quotes, update.CancellationToken);
            return ArticleUpdate.EditDraftParts(article, draft => draft with { Quotes = refreshed }, update.Time.GetUtcNow());
        });
}
