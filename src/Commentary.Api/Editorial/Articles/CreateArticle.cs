using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Editorial.Articles;

public sealed record CreateArticleRequest(
    string OriginalLanguage,
    string Title,
    string Body,
    string? Slug = null,
    string? Summary = null,
    string? Translator = null,
    IReadOnlyList<string>? Authors = null,
    IReadOnlyList<string>? Topics = null);

public sealed class CreateArticleRequestValidator : AbstractValidator<CreateArticleRequest>
{
    public CreateArticleRequestValidator()
    {
        RuleFor(r => r.OriginalLanguage).NotEmpty().Must(l => Language.TryNormalize(l, out _)).WithMessage(Language.RuleDescription);
        RuleFor(r => r.Slug).Must(s => s is null || Slugs.IsValid(s)).WithMessage(Slugs.RuleDescription);
        RuleFor(r => r.Title).ValidText(Translation.TitleMaxLength, required: true);
        RuleFor(r => r.Summary).ValidText(Translation.SummaryMaxLength);
        RuleFor(r => r.Body).ValidText(Translation.BodyMaxLength, required: true);
        RuleFor(r => r.Translator).ValidText(Translation.TranslatorMaxLength);
        this.ValidSlugList(r => r.Authors, ArticleMetadata.MaxAuthors);
        this.ValidSlugList(r => r.Topics, ArticleMetadata.MaxTopics);
    }
}

public static class CreateArticle
{
    public static async Task<Results<Created<ManagedArticle>, ProblemHttpResult>> Handle(
        CreateArticleRequest request,
        HttpContext context,
        CommentaryDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Language.TryNormalize(request.OriginalLanguage, out var language);
        var article = new Article { Slug = "", OriginalLanguage = language, CreatedAt = now, UpdatedAt = now };
        var title = TextRules.Clean(request.Title);

        if (request.Slug is { } slug)
        {
            if (await ArticleMetadata.SlugTakenAsync(db, slug, null, cancellationToken) is { } taken)
            {
                return taken;
            }

            article.Slug = slug;
        }
        else
        {
            article.Slug = await ArticleMetadata.GenerateSlugAsync(db, article, title, cancellationToken);
        }

        var (authors, authorProblem) = await ArticleMetadata.ResolveTermsAsync<Author>(db, request.Authors?.Distinct().ToList() ?? [], "author", cancellationToken);
        if (authorProblem is not null)
        {
            return authorProblem;
        }

        var (topics, topicProblem) = await ArticleMetadata.ResolveTermsAsync<Topic>(db, request.Topics?.Distinct().ToList() ?? [], "topic", cancellationToken);
        if (topicProblem is not null)
        {
            return topicProblem;
        }

        // Nothing of a new article is public: its authors and topics are a draft like its text.
        article.DraftParts = new ArticleParts(article.Slug, language, authors!, topics!, [], []);
        db.Articles.Add(article);
        var content = new TranslationContent(title, TextRules.TrimToNull(request.Summary), request.Body.Trim(), TextRules.TrimToNull(request.Translator));
        TranslationDrafts.Create(db, article, language, content, context.User.KeyName(), now);

        if (await ArticleEditing.SaveAsync(db, article.Slug, cancellationToken) is { } problem)
        {
            return problem;
        }

        var body = await ArticleEditing.RespondAsync(context, db, article, cancellationToken);
        return TypedResults.Created(ArticleEditing.Location(article), body);
    }
}
