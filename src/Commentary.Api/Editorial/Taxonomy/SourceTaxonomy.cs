using System.Text.Json.Serialization;
using Commentary.Api.Content;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.OpenApi;
using Commentary.Api.Platform.Validation;
using FluentValidation;

namespace Commentary.Api.Editorial.Taxonomy;

/// <summary>The body of POST and PUT /api/manage/sources.</summary>
public sealed record SourceRequest(
    [property: ClosedSet(typeof(SourceKind))] string Kind,
    [property: ClosedSet(typeof(Language))] IDictionary<string, string> Name,
    [property: ClosedSet(typeof(Language))] IDictionary<string, string>? Role = null,
    string? Slug = null)
    : ITaxonomyRequest, IHasRequestExample<SourceRequest>
{
    public static SourceRequest Example => new(
        SourceKind.Person,
        new Dictionary<string, string> { [Language.English] = "Wang Yi", [Language.Simplified] = "王毅", [Language.Traditional] = "王毅" },
        new Dictionary<string, string> { [Language.English] = "Foreign Minister of China", [Language.Simplified] = "中国外交部长", [Language.Traditional] = "中國外交部長" });
}

internal sealed class SourceRequestValidator : TaxonomyRequestValidator<SourceRequest>
{
    public SourceRequestValidator() : base(r => r.Role, Source.RoleMaxLength) =>
        RuleFor(r => r.Kind).Must(kind => kind is not null && SourceKind.All.Contains(kind))
            .WithMessage($"must be one of: {string.Join(", ", SourceKind.All)}.");
}

/// <summary>A source as the management API shows it; names are maps of the languages present.</summary>
public sealed record ManagedSource : ManagedTerm
{
    public ManagedSource(Source source) : base(source) => (Kind, Role) = (source.Kind, source.Role.ToDictionary());

    [JsonPropertyOrder(-2)] [ClosedSet(typeof(SourceKind))] public string Kind { get; init; }
    [ClosedSet(typeof(Language))] public IReadOnlyDictionary<string, string> Role { get; init; }
}

/// <summary>Sources are quoted rather than linked: a quote refers to its speaker and, optionally, the outlet that reported it.</summary>
public sealed class SourceTaxonomy : ITaxonomy<Source, SourceRequest, ManagedSource>
{
    public static string Singular => "Source";

    public static string Plural => "Sources";

    public static Source New(string slug) => new() { Slug = slug, Kind = SourceKind.Person };

    public static void ApplyOwnFields(SourceRequest request, Source source)
    {
        source.Kind = request.Kind;
        source.Role = LocalizedText.From(request.Role?.AsReadOnly());
    }

    public static ManagedSource ToResponse(Source source) => new(source);

    public static IEnumerable<string?> AlsoShownOnArticles(Source source) => [source.Role.En, source.Role.ZhHans, source.Role.ZhHant];

    public static string OwnTextName => "role";

    public static LocalizedText OwnText(Source source) => source.Role;

    public static IQueryable<Guid> ArticlesUsing(CommentaryDbContext db, Guid id) =>
        db.Quotes.Where(q => q.SourceId == id || q.OutletId == id).Select(q => q.ArticleId);
}
