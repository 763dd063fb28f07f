using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Languages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Editorial.Preview;

public static class GetPreview
{
    /// <summary>The preview for a caller with a key; <c>lang</c> left out previews the original language.</summary>
    public static async Task<Results<PreviewResponse, ProblemHttpResult>> Handle(string id, string? lang, ArticlePreview preview, CancellationToken cancellationToken)
    {
        string? language = null;
        if (lang is not null && !Language.TryNormalize(lang, out language))
        {
            return Problems.Validation("lang", Language.RuleDescription);
        }

        var (page, problem) = await preview.RenderAsync(id, language, cancellationToken);
        return page is null ? problem! : new PreviewResponse(page);
    }

    /// <summary>The preview a link opens, without a key; every dead link is the same 404.</summary>
    public static async Task<Results<PreviewResponse, ProblemHttpResult>> ByLink(
        string token, CommentaryDbContext db, ArticlePreview preview, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await PreviewLinks.FindLiveAsync(db, token, time.GetUtcNow(), cancellationToken) is not { } link)
        {
            return PreviewLinks.LinkNotFound();
        }

        var (page, _) = await preview.RenderAsync(link.ArticleId.ToString(), link.Language, cancellationToken);
        return page is null ? PreviewLinks.LinkNotFound() : new PreviewResponse(page);
    }
}
