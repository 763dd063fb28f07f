using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Editorial.Workflow;
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

    /// <summary>
    /// Why <paramref name="slug"/> is not free for the article <paramref name="exceptId"/>: another article uses it or
    /// has drafted or scheduled it, or still redirects from it (a former slug, held until that article is deleted); null when it is free.
    /// </summary>
    public static async Task<ProblemHttpResult?> SlugTakenAsync(CommentaryDbContext db, string slug, Guid? exceptId, CancellationToken cancellationToken)
    {
        if (await db.Articles.AnyAsync(a => (a.Slug == slug || a.DraftSlug == slug || a.ScheduledSlug == slug) && a.DeletedAt == null && a.Id != exceptId, cancellationToken))
        {
            return ArticleEditing.SlugTaken(slug);
        }

        var holder = await db.FormerSlugs.Where(f => f.Slug == slug && f.ArticleId != exceptId)
            .Join(db.Articles.Where(a => a.DeletedAt == null), f => f.ArticleId, a => a.Id, (f, a) => new { a.Id, a.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        return holder is null ? null : Problems.Conflict(
            $"The slug '{slug}' still redirects to article '{holder.Id}' (now '{holder.Slug}'); it is released when that article is deleted.",
            ErrorCodes.SlugTaken);
    }

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
            if (await SlugTakenAsync(db, candidate, null, cancellationToken) is null)
            {
                return candidate;
            }
        }

        return fallback;
    }

    /// <summary>The ids of the <paramref name="noun"/>s named by <paramref name="slugs"/>, in their order; an unknown slug is a problem naming its index.</summary>
    public static async Task<(List<Guid>? Ids, ProblemHttpResult? Problem)> ResolveTermsAsync<TTerm>(
        CommentaryDbContext db, IReadOnlyList<string> slugs, string noun, CancellationToken cancellationToken)
        where TTerm : TaxonomyTerm
    {
        var found = await db.Set<TTerm>().Where(t => slugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, t => t.Id, cancellationToken);
        var missing = slugs.Select((slug, index) => (slug, index)).FirstOrDefault(p => !found.ContainsKey(p.slug));
        if (missing.slug is not null)
        {
            return (default, Problems.Validation($"{noun}s[{missing.index}]", $"No {noun} has the slug '{missing.slug}'."));
        }

        return (slugs.Select(slug => found[slug]).ToList(), null);
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
