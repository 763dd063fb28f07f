using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Articles;

/// <summary>Either <c>article</c> (slug or id of another article) or an external <c>url</c> with its <c>title</c>.</summary>
public sealed record RelatedRequest(string? Article = null, string? Url = null, string? Title = null);

public sealed class RelatedListValidator() : ItemListValidator<RelatedRequest>(new RelatedRequestValidator(), MaxLinks)
{
    public const int MaxLinks = 50;
}

public sealed class RelatedRequestValidator : AbstractValidator<RelatedRequest>
{
    public RelatedRequestValidator()
    {
        RuleFor(r => r).Must(r => (r.Article is null) != (r.Url is null))
            .WithMessage("give either 'article' or 'url' (with 'title'), not both.").OverridePropertyName("article");
        RuleFor(r => r.Article).ValidText(200);
        RuleFor(r => r.Url).ValidText(RelatedLink.UrlMaxLength)
            .Must(u => u is null || Uri.TryCreate(u.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            .WithMessage("must be an absolute http or https URL.");
        RuleFor(r => r.Title).ValidText(RelatedLink.TitleMaxLength, required: true).When(r => r.Url is not null);
        RuleFor(r => r.Title).Null().When(r => r.Url is null).WithMessage("is only for links to a URL; a linked article shows its own title.");
    }
}

public static class PutRelated
{
    public static Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Handle(string id, List<RelatedRequest> request, [AsParameters] ArticleUpdate update) =>
        update.ApplyAsync(id, async article =>
        {
            var references = request.Select(r => r.Article?.Trim()).OfType<string>().Distinct().ToList();
            var ids = references.Select(r => Guid.TryParse(r, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
            var targets = await update.Db.Articles.AsNoTracking()
                .Where(a => a.DeletedAt == null && (references.Contains(a.Slug) || references.Contains(a.DraftSlug!) || ids.Contains(a.Id)))
                .Select(a => new { a.Id, a.Slug, a.DraftSlug })
                .ToListAsync(update.CancellationToken);

            var errors = new Dictionary<string, string[]>();
            var current = article.Draft.Related;
            var links = new List<LinkPart>();
            for (var i = 0; i < request.Count; i++)
            {
                if (request[i].Article?.Trim() is { } reference)
                {
                    var target = targets.Find(t => t.Slug == reference || t.DraftSlug == reference || t.Id.ToString() == reference.ToLowerInvariant());
                    if (target is null)
                    {
                        errors[$"[{i}].article"] = [$"No article has the slug or id '{reference}'."];
                    }
                    else if (target.Id == article.Id)
                    {
                        errors[$"[{i}].article"] = ["An article cannot link to itself."];
                    }
                    else
                    {
                        links.Add(new LinkPart(IdAt(current, i), target.Id, null, null));
                    }
                }
                else
                {
                    links.Add(new LinkPart(IdAt(current, i), null, request[i].Url!.Trim(), TextRules.Clean(request[i].Title!)));
                }
            }

            if (errors.Count > 0)
            {
                return Problems.Validation(errors);
            }

            return ArticleUpdate.EditDraftParts(article, draft => draft with { Related = links }, update.Time.GetUtcNow());
        });

    /// <summary>A link keeps the id of the link it replaces in its place, so a publish updates that row in place.</summary>
    private static Guid IdAt(IReadOnlyList<LinkPart> current, int index) => index < current.Count ? current[index].Id : Guid.CreateVersion7();
}
