using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.OpenApi;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Validation;

namespace Commentary.Api.Editorial.Glossary;

/// <summary>The glossary 简体 ⇄ 繁體 conversion applies before its dictionaries: CRUD under /api/manage/glossary (editor).</summary>
public static class GlossaryEndpoints
{
    private const string Refreshes =
        " Every unreviewed conversion whose source contains the term (before or after the change) is converted again in the same " +
        "transaction, where its text changes; the `Conversions-Refreshed` header says how many.";

    public static RouteGroupBuilder MapManageGlossary(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ManageGlossary.Route).WithTags("Glossary (manage)").RequireRole(Roles.Editor).WithValidation();
        var term = group.MapGroup("/{id}").ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", ManageGlossary.Create).WithName("CreateGlossaryTerm")
            .WithSummary("Add a term conversion keeps as written, or maps to `replacement`")
            .WithDescription("`from` is the script the term is written in; `config` narrows it to one OpenCC configuration of that " +
                "direction (absent: all of them; a term for one configuration wins over the same term for all). A term already in the " +
                "glossary for the same direction and configuration is a 409." + Refreshes)
            .WithRequestExample(GlossaryExamples.Term).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListGlossary.List).WithName("ListGlossaryTerms")
            .WithSummary("List the glossary by term, optionally filtered by `from` and `q`")
            .WithDescription("`from` (zh-Hans, zh-Hant): terms of conversions out of that script; `q`: part of a term, replacement or note. " +
                "Keyset paging with `limit` (1..100) and `cursor`.")
            .WithQueryParameters(QueryParameterDoc.Limit(PageLimits.Default, PageLimits.Max), QueryParameterDoc.Cursor);
        term.MapGet("", ListGlossary.Get).WithName("GetGlossaryTerm").WithSummary("One glossary term, with its ETag");
        term.MapPut("", ManageGlossary.Replace).WithName("ReplaceGlossaryTerm")
            .WithSummary("Replace a glossary term (If-Match required)")
            .WithDescription("Send every field: a missing optional one is cleared." + Refreshes)
            .WithRequestExample(GlossaryExamples.Term).WithIfMatchHeader(required: true)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        term.MapDelete("", ManageGlossary.Delete).WithName("DeleteGlossaryTerm")
            .WithSummary("Remove a glossary term (If-Match checked when sent)").WithDescription("Answers 204." + Refreshes)
            .WithIfMatchHeader(required: false).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return group;
    }
}

internal static class GlossaryExamples
{
    public static readonly GlossaryTermRequest Term = new("台湾", "zh-Hans", Replacement: "台灣", Note: "House style: 台灣, not 臺灣.");
}
