using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.OpenApi;
using Commentary.Api.Platform.Validation;
using FluentValidation;

namespace Commentary.Api.Editorial.Taxonomy;

/// <summary>The body of POST and PUT /api/manage/authors.</summary>
public sealed record AuthorRequest(
    [property: ClosedSet(typeof(Language))] IDictionary<string, string> Name,
    [property: ClosedSet(typeof(Language))] IDictionary<string, string>? Bio = null,
    string? Slug = null)
    : ITaxonomyRequest, IHasRequestExample<AuthorRequest>
{
    public static AuthorRequest Example => new(
        new Dictionary<string, string> { [Language.English] = "Lin Mei", [Language.Simplified] = "林梅", [Language.Traditional] = "林梅" },
        new Dictionary<string, string> { [Language.English] = "Writes on East Asian diplomacy." });
}

internal sealed class AuthorRequestValidator : AbstractValidator<AuthorRequest>
{
    public AuthorRequestValidator()
    {
        this.IncludeTaxonomyRules();
        RuleFor(r => r.Bio).ValidLocalizedText(Author.BioMaxLength, required: false);
    }
}
