using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Editorial.Workflow;
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
            var draft = article.Draft;
            if (request.Slug is { } slug && slug != draft.Slug)
            {
                if (await ArticleMetadata.SlugTakenAsync(update.Db, slug, article.Id, update.CancellationToken) is { } taken)
                {
                    return taken;
                }

                draft = draft with { Slug = slug };
            }

            if (request.OriginalLanguage is not null && Language.TryNormalize(request.OriginalLanguage, out var language) && language != article.OriginalLanguage)
            {
                if (article.Translations.Find(t => t.Language == language) is not { } newOriginal)
                {
                    return Problems.Validation("originalLanguage", $"The article has no '{language}' translation; add it before making it the original.");
                }

                // The other translations were made from the old original; count them as current against the new one.
                // That is editorial bookkeeping, so it takes effect now; readers see the new original at the next publish.
                article.OriginalLanguage = language;
                newOriginal.SourceRevision = null;
                foreach (var translation in article.Translations.Where(t => t != newOriginal))
                {
                    translation.SourceRevision = newOriginal.Revision;
                }

                draft = draft with { OriginalLanguage = language };
            }

            if (request.Authors is { } authorSlugs)
            {
                var (authors, problem) = await ArticleMetadata.ResolveTermsAsync<Author>(update.Db, authorSlugs.Distinct().ToList(), "author", update.CancellationToken);
                if (problem is not null)
                {
                    return problem;
                }

                draft = draft with { Authors = authors! };
            }

            if (request.Topics is { } topicSlugs)
            {
                var (topics, problem) = await ArticleMetadata.ResolveTermsAsync<Topic>(update.Db, topicSlugs.Distinct().ToList(), "topic", update.CancellationToken);
                if (problem is not null)
                {
                    return problem;
                }

                draft = draft with { Topics = topics! };
            }

            // A PATCH that changes nothing keeps the ETag.
            return ArticleUpdate.EditDraftParts(article, _ => draft, update.Time.GetUtcNow());
        });
}
