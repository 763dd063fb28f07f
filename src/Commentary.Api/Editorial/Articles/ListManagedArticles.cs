using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Articles;

public sealed record ListManagedArticlesQuery(
    [FromQuery(Name = "status")] string? Status = null,
    [FromQuery(Name = "lang")] string? Lang = null,
    [FromQuery(Name = "missingLanguage")] string? MissingLanguage = null,
    [FromQuery(Name = "outdated")] bool? Outdated = null,
    [FromQuery(Name = "unreviewed")] bool? Unreviewed = null,
    [FromQuery(Name = "q")] string? Q = null,
    [FromQuery(Name = "limit")] string? Limit = null,
    [FromQuery(Name = "cursor")] string? Cursor = null);

public sealed class ListManagedArticlesQueryValidator : AbstractValidator<ListManagedArticlesQuery>
{
    public const int MaxQueryLength = 200;

    public ListManagedArticlesQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || Enum.TryParse<ArticleStatus>(s, ignoreCase: true, out _) && !int.TryParse(s, out _))
            .WithMessage("must be one of draft, published, scheduled.");
        RuleFor(q => q.Lang).Must(l => l is null || Language.TryNormalize(l, out _)).WithMessage(Language.RuleDescription);
        RuleFor(q => q.MissingLanguage).Must(l => l is null || Language.TryNormalize(l, out _)).WithMessage(Language.RuleDescription);
        RuleFor(q => q.Q).ValidText(MaxQueryLength);
    }
}

/// <summary>One row of the management list: enough to pick an article and see what needs work.</summary>
public sealed record ManagedArticleSummary(
    string Id,
    string Slug,
    string OriginalLanguage,
    ArticleStatus Status,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ScheduledAt,
    IReadOnlyList<ManagedTranslationSummary> Translations);

/// <param name="MachineConverted">The draft is a machine conversion nobody has reviewed yet.</param>
public sealed record ManagedTranslationSummary(
    string Language, string Title, int Revision, bool Published, bool HasUnpublishedChanges, bool Outdated, bool MachineConverted = false);

public static class ListManagedArticles
{
    private static readonly PageShape Shape = new("managed-articles", KeysetPosition.FieldCount);

    public static async Task<Results<Ok<Page<ManagedArticleSummary>>, ProblemHttpResult>> Handle(
        [AsParameters] ListManagedArticlesQuery query, CommentaryDbContext db, CursorCodec cursors, CancellationToken cancellationToken)
    {
        if (PageRequest.TryCreate(new PageQuery(query.Limit, query.Cursor), Shape, cursors, out var after, out var problem) is not { } page)
        {
            return problem!;
        }

        var articles = db.Articles.AsNoTracking().Where(a => a.DeletedAt == null);
        if (after is { } position)
        {
            articles = articles.Where(a => EF.Functions.LessThan(ValueTuple.Create(a.UpdatedAt, a.Id), ValueTuple.Create(position.At, position.Id)));
        }

        articles = Filter(articles, query);
        var limit = page.Limit;
        var rows = await articles
            .OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Take(limit + 1)
            .Select(a => new
            {
                a.Id, Slug = a.DraftSlug ?? a.Slug, a.OriginalLanguage, a.Version, a.CreatedAt, a.UpdatedAt, a.ScheduledAt,
                OriginalRevision = a.Translations.Where(t => t.Language == a.OriginalLanguage).Select(t => (int?)t.Revision).FirstOrDefault(),
                Translations = a.Translations.Select(t => new
                {
                    t.Language, t.Title, t.Revision, t.PublishedRevision, t.SourceRevision, t.MachineConverted,
                    ConversionSourceMoved = t.ConvertedFromRevision != null
                        && a.Translations.Any(s => s.Language == t.ConvertedFrom && s.Revision > t.ConvertedFromRevision),
                }).ToList(),
            })
            .ToListAsync(cancellationToken);

        var items = rows.Take(limit).Select(r =>
        {
            var translations = r.Translations
                .OrderBy(t => Language.All.ToList().IndexOf(t.Language))
                .Select(t => new ManagedTranslationSummary(t.Language, t.Title, t.Revision, t.PublishedRevision is not null, t.PublishedRevision != t.Revision,
                    t.Language != r.OriginalLanguage && r.OriginalRevision is { } original && (t.SourceRevision is null || t.SourceRevision < original)
                    || t.ConversionSourceMoved,
                    t.MachineConverted))
                .ToList();
            var status = translations.Any(t => t.Published) ? ArticleStatus.Published : r.ScheduledAt is not null ? ArticleStatus.Scheduled : ArticleStatus.Draft;
            return new ManagedArticleSummary(r.Id.ToString(), r.Slug, r.OriginalLanguage, status, r.Version, r.CreatedAt, r.UpdatedAt, r.ScheduledAt, translations);
        }).ToList();

        var next = rows.Count > limit
            ? new KeysetPosition(items[^1].UpdatedAt, rows[limit - 1].Id).Encode(cursors, Shape.CursorKind)
            : null;
        return TypedResults.Ok(new Page<ManagedArticleSummary>(items, next));
    }

    private static IQueryable<Article> Filter(IQueryable<Article> articles, ListManagedArticlesQuery query)
    {
        if (query.Status is not null)
        {
            articles = Enum.Parse<ArticleStatus>(query.Status, ignoreCase: true) switch
            {
                ArticleStatus.Published => articles.Where(a => a.Translations.Any(t => t.PublishedRevision != null)),
                ArticleStatus.Scheduled => articles.Where(a => a.ScheduledAt != null && !a.Translations.Any(t => t.PublishedRevision != null)),
                _ => articles.Where(a => a.ScheduledAt == null && !a.Translations.Any(t => t.PublishedRevision != null)),
            };
        }

        if (query.Lang is not null && Language.TryNormalize(query.Lang, out var lang))
        {
            articles = articles.Where(a => a.Translations.Any(t => t.Language == lang));
        }

        if (query.MissingLanguage is not null && Language.TryNormalize(query.MissingLanguage, out var missing))
        {
            articles = articles.Where(a => !a.Translations.Any(t => t.Language == missing));
        }

        if (query.Outdated is { } outdated)
        {
            var outdatedArticles = articles.Where(a => a.Translations.Any(t => t.Language != a.OriginalLanguage
                && a.Translations.Any(o => o.Language == a.OriginalLanguage && (t.SourceRevision == null || t.SourceRevision < o.Revision))
                || t.ConvertedFromRevision != null && a.Translations.Any(s => s.Language == t.ConvertedFrom && s.Revision > t.ConvertedFromRevision)));
            articles = outdated ? outdatedArticles : articles.Where(a => !outdatedArticles.Select(o => o.Id).Contains(a.Id));
        }

        if (query.Unreviewed is { } unreviewed)
        {
            articles = unreviewed
                ? articles.Where(a => a.Translations.Any(t => t.MachineConverted))
                : articles.Where(a => !a.Translations.Any(t => t.MachineConverted));
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            // strpos, not LIKE: % and _ in the query are literal characters.
            var q = query.Q.Trim().ToLowerInvariant();
            articles = articles.Where(a => a.Slug.Contains(q) || (a.DraftSlug != null && a.DraftSlug.Contains(q)) || a.Translations.Any(t => t.Title.ToLower().Contains(q)));
        }

        return articles;
    }
}
