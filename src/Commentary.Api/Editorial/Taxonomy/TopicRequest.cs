using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.OpenApi;
using Commentary.Api.Platform.Validation;
using FluentValidation;

namespace Commentary.Api.Editorial.Taxonomy;

/// <summary>The body of POST and PUT /api/manage/topics.</summary>
public sealed record TopicRequest(
    [property: ClosedSet(typeof(Language))] IDictionary<string, string> Name,
    [property: ClosedSet(typeof(Language))] IDictionary<string, string>? Description = null,
    string? Slug = null)
    : ITaxonomyRequest, IHasRequestExample<TopicRequest>
{
    public static TopicRequest Example => new(
        new Dictionary<string, string> { [Language.English] = "Foreign policy", [Language.Simplified] = "外交政策", [Language.Traditional] = "外交政策" },
        new Dictionary<string, string> { [Language.English] = "Diplomacy, alliances and summits." });
}

internal sealed class TopicRequestValidator : AbstractValidator<TopicRequest>
{
    public TopicRequestValidator()
    {
        this.IncludeTaxonomyRules();
        RuleFor(r => r.Description).ValidLocalizedText(Topic.DescriptionMaxLength, required: false);
    }
}
