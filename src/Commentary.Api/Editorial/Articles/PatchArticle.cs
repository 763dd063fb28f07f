using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Languages;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Editorial.Articles;

/// <summary>Metadata to change; a property left out (or null) stays as it is.</summary>
public sealed record PatchArticleRequest(
    string? Slug = null,
    string? OriginalLanguage = null,
    IReadOnlyList<string>? Authors = null,
    IReadOnlyList<string>? Topics = null);

public sealed class PatchArticleRequestValidator : AbstractValidator<PatchArticleRequest>
{
    public PatchArticleRequestValidator()
    {
        RuleFor(r => r.Slug).Must(s => s is null || Slugs.IsValid(s)).WithMessage(Slugs.RuleDescription);
        RuleFor(r => r.OriginalLanguage).Must(l => l is null || Language.TryNormalize(l, out _)).WithMessage(Language.RuleDescription);
        this.ValidSlugList(r => r.Authors, ArticleMetadata.MaxAuthors);
        this.ValidSlugList(r => r.Topics, ArticleMetadata.MaxTopics);
    }
}

public static class PatchArticle
{
    public static Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(string id, PatchArticleRequest request, [AsParameters] ArticleUpdate update) =>
        update.ApplyAsync(id, async article =>
        {
            var changed = false;
            if (request.Slug is { } slug && slug != article.Slug)
            {
                if (await ArticleMetadata.SlugTakenAsync(update.Db, slug, article.Id, update.CancellationToken) is { } taken)
                {
                    return taken;
                }

                await ArticleMetadata.ChangeSlugAsync(update.Db, article, slug, update.Time.GetUtcNow(), update.CancellationToken);
                changed = true;
            }

            if (request.OriginalLanguage is not null && Language.TryNormalize(request.OriginalLanguage, out var language) && language != article.OriginalLanguage)
            {
                if (article.Translations.Find(t => t.Language == language) is not { } newOriginal)
                {
                    return Problems.Validation("originalLanguage", $"The article has no '{language}' translation; add it before making it the original.");
                }

                // The other translations were made from the old original; count them as current against the new one.
                changed = true;
                article.OriginalLanguage = language;
                newOriginal.SourceRevision = null;
                foreach (var translation in article.Translations.Where(t => t != newOriginal))
                {
                    translation.SourceRevision = newOriginal.Revision;
                }
            }

            var authors = await ReplaceLinksAsync<ArticleAuthor, Author>(update, article, article.Authors, request.Authors, "author");
            if (authors.Problem is not null)
            {
                return authors.Problem;
            }

            var topics = await ReplaceLinksAsync<ArticleTopic, Topic>(update, article, article.Topics, request.Topics, "topic");
            if (topics.Problem is not null)
            {
                return topics.Problem;
            }

            changed |= authors.Changed || topics.Changed;

            // A PATCH that changes nothing keeps the ETag and tells partners nothing.
            if (!changed)
            {
                return Edit.NoChange;
            }

            update.TouchLiveParts(article);
            return Edit.Changes;
        });

    /// <summary>Replaces the article's links to <paramref name="noun"/>s when the request names a different list (order counts).</summary>
    private static async Task<(bool Changed, ProblemHttpResult? Problem)> ReplaceLinksAsync<TLink, TTerm>(
        ArticleUpdate update, Article article, List<TLink> current, IReadOnlyList<string>? requested, string noun)
        where TLink : ArticleLink<TTerm>, new()
        where TTerm : TaxonomyTerm
    {
        var slugs = requested?.Distinct().ToList();
        if (slugs is null || slugs.SequenceEqual(current.OrderBy(l => l.Position).Select(l => l.Term.Slug)))
        {
            return (false, null);
        }

        var (wanted, problem) = await ArticleMetadata.ResolveLinksAsync<TLink, TTerm>(update.Db, article.Id, slugs, noun, update.CancellationToken);
        if (problem is not null)
        {
            return (false, problem);
        }

        Replace(update.Db, current, wanted!, l => l.TermId, (existing, link) => existing.Position = link.Position);
        return (true, null);
    }

    /// <summary>Keeps the links that stay (a link's key is article + target, so it cannot be deleted and re-added in one save).</summary>
    private static void Replace<T>(CommentaryDbContext db, List<T> current, List<T> wanted, Func<T, Guid> key, Action<T, T> update)
        where T : class
    {
        foreach (var gone in current.Where(c => !wanted.Any(w => key(w) == key(c))).ToList())
        {
            current.Remove(gone);
            db.Remove(gone);
        }

        foreach (var link in wanted)
        {
            if (current.Find(c => key(c) == key(link)) is { } existing)
            {
                update(existing, link);
            }
            else
            {
                current.Add(link);
                db.Add(link);
            }
        }
    }
}
