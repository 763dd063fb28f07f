using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.OpenApi;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Validation;

namespace Commentary.Api.Editorial.Preview;

public static class PreviewEndpoints
{
    public const string PublicRoute = "/api/preview";

    /// <summary>The schema of GetArticle's answer (Delivery's public article), which a preview answers too.</summary>
    private const string PublicArticleSchema = "ReadModel.PublicArticle";

    private const string PageDescription = "The body is exactly what `GET /api/articles/{slug}` (operation GetArticle) would answer once the draft is " +
        "published, other languages as they are published now; nothing is published, and nothing of it reaches lists, search, feeds, the sitemap, " +
        "partner sync or webhooks. `ETag` identifies the previewed content (leaving out the publication times, which are the moment of the request): " +
        "send it in `If-Match` of `POST …/publish` with `languages: [lang]` to publish exactly this, or get a 412. Sent with " +
        "`Cache-Control: private, no-store`, `X-Robots-Tag: noindex` and `Referrer-Policy: no-referrer`.";

    public static IServiceCollection AddPreview(this IServiceCollection services) => services.AddSingleton<ArticlePreview>();

    public static IEndpointRouteBuilder MapPreview(this IEndpointRouteBuilder app)
    {
        var article = app.MapGroup(ArticleEditing.RoutePrefix + "/{id}").WithTags("Preview").RequireRole(Roles.Translator).WithValidation()
            .ProducesProblem(StatusCodes.Status404NotFound);
        article.MapGet("/preview", GetPreview.Handle).RequireRole(Roles.Translator).WithName("PreviewArticle")
            .WithSummary("The public JSON of the article as it will read once the draft of one language is published")
            .WithDescription(PageDescription + " A 404 also answers a language the article has no translation in.")
            .WithQueryParameters(new QueryParameterDoc("lang", "string", "The language whose draft is previewed and served: en, zh-Hans or zh-Hant (aliases such as zh-TW accepted). Default: the article's original language."))
            .WithResponseSchema(StatusCodes.Status200OK, PublicArticleSchema).ProducesProblem(StatusCodes.Status400BadRequest);

        var links = article.MapGroup("/preview-links").RequireRole(Roles.Editor);
        links.MapPost("", CreatePreviewLink.Handle).RequireRole(Roles.Editor).WithName("CreatePreviewLink")
            .WithSummary("Create a link that shows the preview of one language without a key, until it expires or is revoked")
            .WithDescription("Answers `url` (this API's `GET /api/preview/{token}`), `token` (shown only here: only its hash is stored) and `expiresAt`. " +
                "`expiresIn` is in seconds, 60 to 604800 (default 86400); `language` defaults to the original. Deleting the article deletes its links.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        links.MapGet("", PreviewLinks.List).RequireRole(Roles.Editor).WithName("ListPreviewLinks")
            .WithSummary("The article's live preview links, oldest first, without their tokens")
            .WithQueryParameters(QueryParameterDoc.Limit(PageLimits.Default, PageLimits.Max), QueryParameterDoc.Cursor)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        links.MapDelete("/{token}", PreviewLinks.Revoke).RequireRole(Roles.Editor).WithName("RevokePreviewLink")
            .WithSummary("Revoke one preview link, named by its token or by its listed id");
        links.MapDelete("", PreviewLinks.RevokeAll).RequireRole(Roles.Editor).WithName("RevokePreviewLinks")
            .WithSummary("Revoke every preview link of the article");

        app.MapGet(PublicRoute + "/{token}", GetPreview.ByLink).WithTags("Preview").AllowAnonymous().RequireCors(CorsPolicies.Public)
            .WithName("GetPreviewByLink")
            .WithSummary("The preview a preview link opens, without a key")
            .WithDescription(PageDescription + " A bad, tampered, expired or revoked token, or one of a deleted article, is a 404.")
            .WithResponseSchema(StatusCodes.Status200OK, PublicArticleSchema).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
