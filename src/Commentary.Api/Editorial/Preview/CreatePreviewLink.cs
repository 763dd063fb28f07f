using Commentary.Api.Content;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.OpenApi;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Editorial.Preview;

/// <summary><c>language</c>: the draft to show (the article's original when left out); <c>expiresIn</c>: seconds, 60 to 604,800 (default 86,400).</summary>
public sealed record CreatePreviewLinkRequest(string? Language = null, int? ExpiresIn = null) : IHasRequestExample<CreatePreviewLinkRequest>
{
    public const int MinExpiresIn = 60;
    public const int MaxExpiresIn = 604_800;
    public const int DefaultExpiresIn = 86_400;

    public static CreatePreviewLinkRequest Example => new(Platform.Languages.Language.English, DefaultExpiresIn);
}

/// <summary>The only answer that carries the token: it is not stored, so it cannot be shown again.</summary>
public sealed record CreatedPreviewLink(Guid Id, string Language, string Url, string Token, DateTimeOffset ExpiresAt);

internal sealed class CreatePreviewLinkRequestValidator : AbstractValidator<CreatePreviewLinkRequest>
{
    public CreatePreviewLinkRequestValidator()
    {
        RuleFor(r => r.Language).Must(l => l is null || Language.TryNormalize(l, out _)).WithMessage(Language.RuleDescription);
        RuleFor(r => r.ExpiresIn)
            .InclusiveBetween(CreatePreviewLinkRequest.MinExpiresIn, CreatePreviewLinkRequest.MaxExpiresIn)
            .WithMessage($"must be between {CreatePreviewLinkRequest.MinExpiresIn} and {CreatePreviewLinkRequest.MaxExpiresIn} seconds.");
    }
}

public static class CreatePreviewLink
{
    public static async Task<Results<Created<CreatedPreviewLink>, ProblemHttpResult>> Handle(
        string id, CreatePreviewLinkRequest? request, HttpContext context, CommentaryDbContext db, IOptions<SiteOptions> site, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await PreviewLinks.FindArticleAsync(db, id, cancellationToken) is not { } article)
        {
            return ArticleEditing.NotFound(id);
        }

        var language = request?.Language is { } requested && Language.TryNormalize(requested, out var tag) ? tag : article.OriginalLanguage;
        if (!article.Languages.Contains(language))
        {
            return Problems.Validation("language", $"The article has no '{language}' translation.");
        }

        var now = time.GetUtcNow();
        var token = PreviewTokens.Generate();
        var link = new PreviewLink
        {
            ArticleId = article.Id,
            Language = language,
            TokenHash = PreviewTokens.Hash(token),
            CreatedBy = context.User.KeyName(),
            CreatedAt = now,
            ExpiresAt = now.AddSeconds(request?.ExpiresIn ?? CreatePreviewLinkRequest.DefaultExpiresIn),
        };
        // Expired links open nothing; dropping them here keeps the table to the live ones and a few.
        db.PreviewLinks.RemoveRange(await db.PreviewLinks.Where(l => l.ArticleId == article.Id && l.ExpiresAt <= now).ToListAsync(cancellationToken));
        db.PreviewLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        var url = site.Value.ApiUrlFor(context.Request, $"{PreviewEndpoints.PublicRoute}/{token}");
        // No Location header: it would carry the token into access logs and proxies.
        return TypedResults.Created((string?)null, new CreatedPreviewLink(link.Id, language, url, token, link.ExpiresAt));
    }
}
