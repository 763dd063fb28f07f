using Commentary.Api.Content.Taxonomy;
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

internal sealed class SourceRequestValidator : AbstractValidator<SourceRequest>
{
    public SourceRequestValidator()
    {
        this.IncludeTaxonomyRules();
        RuleFor(r => r.Kind).Must(kind => kind is not null && SourceKind.All.Contains(kind))
            .WithMessage($"must be one of: {string.Join(", ", SourceKind.All)}.");
        RuleFor(r => r.Role).ValidLocalizedText(Source.RoleMaxLength, required: false);
    }
}
