using Commentary.Api.Editorial.Articles;
using Commentary.Api.Editorial.Editions;
using Commentary.Api.Editorial.Publishing;
using Commentary.Api.Editorial.Translations;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.OpenApi;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Validation;

namespace Commentary.Api.Editorial;

public static class ManageArticlesEndpoints
{
    public const string Prefix = ArticleEditing.RoutePrefix;

    public static RouteGroupBuilder MapManageArticles(this IEndpointRouteBuilder app)
    {
        // Translator is the floor for every route here (none can be anonymous by omission); editor routes raise it.
        var group = app.MapGroup(Prefix).WithTags("Articles (manage)").RequireRole(Roles.Translator).WithValidation();
        var article = group.MapGroup("/{id}").ProducesProblem(StatusCodes.Status404NotFound);
        // An unsupported {lang} is a 400 on every route below it.
        var translation = article.MapGroup("/translations/{lang}").ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapPost("/", CreateArticle.Handle).RequireRole(Roles.Editor).WithName("CreateArticle")
            .WithSummary("Create an article with its original-language translation (a draft)")
            .WithRequestExample(ManageExamples.CreateArticle).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListManagedArticles.Handle).RequireRole(Roles.Translator).WithName("ListManagedArticles")
            .WithSummary("List every article in any state, newest change first, with filters")
            .WithDescription("Filters: `status` (draft, scheduled, published), `lang` (has a translation in it), `missingLanguage` (has none in it), " +
                "`outdated` (true: a translation lags behind the original, or a reviewed conversion behind its source), " +
                "`unreviewed` (true: a translation is a machine conversion nobody has reviewed), `q` (part of a title or the slug). Paging: `limit` (1-100, default 20) " +
                "and the `nextCursor` of the previous page as `cursor`.")
            .WithQueryParameters(QueryParameterDoc.Limit(PageLimits.Default, PageLimits.Max), QueryParameterDoc.Cursor);
        article.MapGet("", GetManagedArticle.Handle).RequireRole(Roles.Translator).WithName("GetManagedArticle")
            .WithSummary("One article with every translation (draft and published), its state and ETag");
        article.MapPatch("", PatchArticle.Handle).RequireRole(Roles.Editor).WithName("PatchArticle")
            .WithSummary("Change slug, original language, authors or topics (If-Match required)")
            .WithRequestExample(ManageExamples.PatchArticle).WithPreconditions().ProducesProblem(StatusCodes.Status409Conflict);
        article.MapDelete("", DeleteArticle.Handle).RequireRole(Roles.Editor).WithName("DeleteArticle")
            .WithSummary("Soft-delete an article (If-Match checked when sent)").WithPreconditions(required: false);

        translation.MapPut("", PutTranslation.Handle).RequireRole(Roles.Translator).WithName("PutTranslation")
            .WithSummary("Create (201) or update (200, If-Match required) the draft of one language; every save is a new revision")
            .WithRequestExample(ManageExamples.PutTranslation).WithPreconditions(required: false)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        translation.MapDelete("", DeleteTranslation.Handle).RequireRole(Roles.Editor).WithName("DeleteTranslation")
            .WithSummary("Remove one translation, never the original (If-Match required)").WithPreconditions().ProducesProblem(StatusCodes.Status409Conflict);
        translation.MapPost("/mark-current", MarkTranslationCurrent.Handle).RequireRole(Roles.Translator).WithName("MarkTranslationCurrent")
            .WithSummary("Mark an outdated translation current, or a converted one reviewed, without editing it (If-Match required)")
            .WithPreconditions().ProducesProblem(StatusCodes.Status409Conflict);
        translation.MapPost("/convert", ConvertTranslation.Handle).RequireRole(Roles.Translator).WithName("ConvertTranslation")
            .WithSummary("Make (201) or refresh (200) this language's draft as the 简体 ⇄ 繁體 conversion of another's (If-Match required)")
            .WithDescription(ConvertTranslation.Description)
            .WithRequestExample(ManageExamples.ConvertTranslation).WithPreconditions().ProducesProblem(StatusCodes.Status409Conflict);

        translation.MapGet("/revisions", ReadRevisions.List).RequireRole(Roles.Translator).WithName("ListRevisions")
            .WithSummary("The revisions of one translation, newest first");
        translation.MapGet("/revisions/{number:int}", ReadRevisions.Get).RequireRole(Roles.Translator).WithName("GetRevision")
            .WithSummary("One revision in full");
        translation.MapPost("/revisions/{number:int}/restore", RestoreRevision.Handle).RequireRole(Roles.Translator).WithName("RestoreRevision")
            .WithSummary("Save an old revision again as the newest one (If-Match required)").WithPreconditions();
        translation.MapGet("/diff", DiffTranslation.Handle).RequireRole(Roles.Translator).WithName("DiffTranslation")
            .WithSummary("What changed in one language between two revisions, per field (title, summary, body)")
            .WithDescription(DiffTranslation.Description)
            .WithQueryParameters(
                new QueryParameterDoc("from", "string", "A revision number, draft or published (default published; revision 1 if never published)."),
                new QueryParameterDoc("to", "string", "A revision number, draft or published (default draft)."));

        article.MapPut("/quotes", PutQuotes.Handle).RequireRole(Roles.Translator).WithName("PutQuotes")
            .WithSummary("Replace the ordered quote list (If-Match required)").WithRequestExample(ManageExamples.Quotes).WithPreconditions();
        article.MapPut("/related", PutRelated.Handle).RequireRole(Roles.Editor).WithName("PutRelated")
            .WithSummary("Replace the ordered related-link list (If-Match required)").WithRequestExample(ManageExamples.Related).WithPreconditions();

        article.MapPost("/publish", PublishArticle.Handle).RequireRole(Roles.Editor).WithName("PublishArticle")
            .WithSummary("Publish now (200), or schedule for a future `at` (202); an empty body publishes every language now")
            .WithDescription("`If-Match`, when sent, is the article's ETag, or the ETag of `GET …/preview?lang=X` when publishing `languages: [X]` " +
                "(or every language of an article that has only X): the publish then goes ahead only while the preview still reads the same.")
            .WithRequestExample(ManageExamples.Publish).WithPreconditions(required: false);
        article.MapPost("/unpublish", UnpublishArticle.Handle).RequireRole(Roles.Editor).WithName("UnpublishArticle")
            .WithSummary("Withdraw every language from the public at once and cancel a pending schedule")
            .WithPreconditions(required: false);

        article.MapGet("/editions", ReadEditions.List).RequireRole(Roles.Translator).WithName("ListEditions")
            .WithSummary("What readers were shown, publish by publish, newest first: who published, when, which draft revisions went in");
        article.MapGet("/editions/{number:int}", ReadEditions.Get).RequireRole(Roles.Translator).WithName("GetEdition")
            .WithSummary("One edition in full: every published language's text and the shared parts");
        article.MapPost("/editions/{number:int}/restore", RestoreEdition.Handle).RequireRole(Roles.Editor).WithName("RestoreEdition")
            .WithSummary("Copy an edition into the draft (shared parts and each language as a new revision); publish to show it (If-Match required)")
            .WithPreconditions().ProducesProblem(StatusCodes.Status409Conflict);
        article.MapPost("/editions/{number:int}/redact", RedactEdition.Handle).RequireRole(Roles.Admin).WithName("RedactEdition")
            .WithSummary("Legal takedown: remove an edition's content, keep its record; the edition readers see is withdrawn with it (If-Match required)")
            .WithRequestExample(ManageExamples.RedactEdition).WithPreconditions().ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }

    private static RouteHandlerBuilder WithPreconditions(this RouteHandlerBuilder builder, bool required = true)
    {
        builder.WithIfMatchHeader(required).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return required ? builder.ProducesProblem(StatusCodes.Status428PreconditionRequired) : builder;
    }
}
