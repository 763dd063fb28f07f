using System.Linq.Expressions;
using System.Text;
using Commentary.Api.Content;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Validation;
using FluentValidation;

namespace Commentary.Api.Editorial.Taxonomy;

/// <summary>
/// The rules of <see cref="ITaxonomyRequest"/>'s own fields and of the one localized text each term adds to its name
/// (an author's bio, a topic's description, a source's role), given as data; a term with more fields adds their rules.
/// </summary>
internal abstract class TaxonomyRequestValidator<TRequest> : AbstractValidator<TRequest>
    where TRequest : ITaxonomyRequest
{
    protected TaxonomyRequestValidator(Expression<Func<TRequest, IDictionary<string, string>?>> text, int textMaxLength)
    {
        RuleFor(r => r.Slug)
            .Must(slug => slug is null || Slugs.IsValid(slug))
            .WithMessage($"'slug' {Slugs.RuleDescription}");
        RuleFor(r => r.Name).ValidLocalizedText(TaxonomyTerm.NameMaxLength, required: true);
        RuleFor(text).ValidLocalizedText(textMaxLength, required: false);
    }
}

public static class TaxonomyRules
{
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
