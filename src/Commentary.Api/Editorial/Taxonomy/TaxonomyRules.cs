using System.Text;
using Commentary.Api.Content;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Validation;
using FluentValidation;

namespace Commentary.Api.Editorial.Taxonomy;

public static class TaxonomyRules
{
    public const int NameMaxLength = 200;

    /// <summary>The rules of <see cref="ITaxonomyRequest"/>'s own fields; a feature's validator includes them and adds its own.</summary>
    public static void IncludeTaxonomyRules<T>(this AbstractValidator<T> validator)
        where T : ITaxonomyRequest
    {
        validator.RuleFor(r => r.Slug)
            .Must(slug => slug is null || Slugs.IsValid(slug))
            .WithMessage($"'slug' {Slugs.RuleDescription}");
        validator.RuleFor(r => r.Name).ValidLocalizedText(NameMaxLength, required: true);
    }

    /// <summary>
    /// The slug for a new entity when the request names none: from the English name, else from any name's ASCII
    /// words, else (a Chinese-only name) <c>{noun}-{8 hex digits of the id}</c>, stable and unique enough to be readable.
    /// </summary>
    public static string GenerateSlug(LocalizedText name, string noun, Guid id)
    {
        foreach (var language in Language.All)
        {
            if (name[language] is { } text && Slugs.FromText(text) is { } slug)
            {
                return slug;
            }
        }

        var hex = Convert.ToHexStringLower(HashOf(id));
        return $"{noun}-{hex[..8]}";
    }

    // Guid v7 starts with the timestamp, so its first digits repeat between entities made in the same millisecond.
    private static byte[] HashOf(Guid id) => System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(id.ToString("N")));
}
