using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Articles;

/// <summary>Rules shared by create and PATCH: slugs, and authors and topics named by slug.</summary>
internal static class ArticleMetadata
{
    public const int MaxAuthors = 20;
    public const int MaxTopics = 20;

    public static Task<bool> SlugTakenAsync(CommentaryDbContext db, string slug, Guid? exceptId, CancellationToken cancellationToken) =>
        db.Articles.AnyAsync(a => a.Slug == slug && a.DeletedAt == null && a.Id != exceptId, cancellationToken);

    /// <summary>A free slug from the title's ASCII words, or <c>article-&lt;id&gt;</c> when it has none (a Chinese-only title).</summary>
    public static async Task<string> GenerateSlugAsync(CommentaryDbContext db, Article article, string title, CancellationToken cancellationToken)
    {
        var fallback = $"article-{article.Id.ToString("N")[^10..]}";
        var stem = Slugs.FromText(title);
        if (stem is null)
        {
            return fallback;
        }

        stem = stem.Length > Slugs.MaxLength - 4 ? stem[..(Slugs.MaxLength - 4)].TrimEnd('-') : stem;
        for (var n = 1; n <= 10; n++)
        {
            var candidate = n == 1 ? stem : $"{stem}-{n}";
            if (!await SlugTakenAsync(db, candidate, null, cancellationToken))
            {
                return candidate;
            }
        }

        return fallback;
    }

    /// <summary>The links to the <paramref name="noun"/>s named by <paramref name="slugs"/>, in their order; an unknown slug is a problem naming its index.</summary>
    public static async Task<(List<TLink>? Links, ProblemHttpResult? Problem)> ResolveLinksAsync<TLink, TTerm>(
        CommentaryDbContext db, Guid articleId, IReadOnlyList<string> slugs, string noun, CancellationToken cancellationToken)
        where TLink : IArticleLink<TTerm>, new()
        where TTerm : TaxonomyTerm
    {
        var found = await db.Set<TTerm>().Where(t => slugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, cancellationToken);
        var missing = slugs.Select((slug, index) => (slug, index)).FirstOrDefault(p => !found.ContainsKey(p.slug));
        if (missing.slug is not null)
        {
            return (default, Problems.Validation($"{noun}s[{missing.index}]", $"No {noun} has the slug '{missing.slug}'."));
        }

        return (slugs.Select((slug, index) => new TLink { ArticleId = articleId, TermId = found[slug].Id, Term = found[slug], Position = index }).ToList(), null);
    }
}

/// <summary>FluentValidation rules for lists of author or topic slugs.</summary>
internal static class SlugListRules
{
    public static void ValidSlugList<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<string>?>> list, int max)
    {
        validator.RuleFor(list).Must(l => l is null || l.Count() <= max).WithMessage($"must have at most {max} entries.");
        validator.RuleForEach(list).Must(Slugs.IsValid).WithMessage(Slugs.RuleDescription);
    }
}
