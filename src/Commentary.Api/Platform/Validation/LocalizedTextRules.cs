using Commentary.Api.Platform.Languages;
using FluentValidation;

namespace Commentary.Api.Platform.Validation;

/// <summary>Rules for request maps of per-language text (<c>{ "en": "...", "zh-Hans": "..." }</c>).</summary>
public static class LocalizedTextRules
{
    /// <summary>Keys must be supported languages (aliases accepted); each value obeys <see cref="TextRules.ValidText{T}"/>.</summary>
    public static IRuleBuilderOptions<T, IDictionary<string, string>?> ValidLocalizedText<T>(
        this IRuleBuilder<T, IDictionary<string, string>?> rule, int maxLength, bool required)
    {
        var options = rule
            .Must(map => map is null || map.Keys.All(key => Language.TryNormalize(key, out _)))
            .WithMessage($"keys must be languages: {Language.SupportedList}.")
            .Must(map => map is null || map.Keys.Select(key => Language.TryNormalize(key, out var tag) ? tag : key).Distinct().Count() == map.Count)
            .WithMessage("names the same language twice (an alias and its tag).")
            .Must(map => map is null || map.Values.All(value => value is not null && TextRules.IsStorable(value)))
            .WithMessage("values must be valid Unicode text without NUL characters.")
            .Must(map => map is null || map.Values.All(value => value is null || !TextRules.HasXmlForbiddenCharacter(value)))
            .WithMessage("values " + TextRules.XmlForbiddenMessage)
            .Must(map => map is null || map.Values.All(value => value is null || TextRules.FitsWhenStored(value, maxLength)))
            .WithMessage($"values must be at most {maxLength} characters long.");
        if (required)
        {
            options = options.Must(map => map is not null && map.Values.Any(value => !string.IsNullOrWhiteSpace(value)))
                .WithMessage("needs a text in at least one language.");
        }

        return options;
    }
}
