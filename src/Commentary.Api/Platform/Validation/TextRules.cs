using System.Text;
using FluentValidation;

namespace Commentary.Api.Platform.Validation;

/// <summary>
/// Rules every stored text obeys. Lengths count Unicode code points, as PostgreSQL does, so an emoji or 𠀀 counts
/// once; NUL is refused because PostgreSQL text cannot hold it; an unpaired surrogate is refused because it is not text;
/// other control characters XML cannot carry are refused because feeds and the sitemap are XML (a vertical tab pasted from
/// a word processor would otherwise break them for every reader). Limits are checked on the value as it is stored:
/// trimmed and NFC-normalized (normalization can lengthen a text threefold).
/// </summary>
public static class TextRules
{
    public static IRuleBuilderOptions<T, string?> ValidText<T>(this IRuleBuilder<T, string?> rule, int maxLength, bool required = false)
    {
        var options = rule
            .Must(value => value is null || !value.Contains('\0', StringComparison.Ordinal))
            .WithMessage("must not contain the NUL character (U+0000).")
            .Must(value => value is null || IsWellFormed(value))
            .WithMessage("must be valid Unicode text (it contains an unpaired surrogate).")
            .Must(value => value is null || !HasXmlForbiddenCharacter(value))
            .WithMessage(XmlForbiddenMessage)
            .Must(value => value is null || FitsWhenStored(value, maxLength))
            .WithMessage($"must be at most {maxLength} characters long.");
        if (required)
        {
            options = options.Must(value => !string.IsNullOrWhiteSpace(value)).WithMessage("is required and must not be blank.");
        }

        return options;
    }

    public static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    public const string XmlForbiddenMessage = "must not contain control characters other than tab and line breaks (U+0001 to U+001F, U+FFFE, U+FFFF).";

    /// <summary>Whether <paramref name="value"/> holds a character XML 1.0 forbids (NUL is refused separately).</summary>
    public static bool HasXmlForbiddenCharacter(string value)
    {
        foreach (var c in value)
        {
            if ((c < '\u0020' && c is not ('\t' or '\n' or '\r' or '\0')) || c is '\uFFFE' or '\uFFFF')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a value is at most <paramref name="maxLength"/> code points as stored (trimmed, NFC). A value the other
    /// rules refuse passes here: normalization throws on it, and its problem is already reported.
    /// </summary>
    public static bool FitsWhenStored(string value, int maxLength) =>
        !IsStorable(value) || HasXmlForbiddenCharacter(value) || CodePoints(Clean(value)) <= maxLength;

    /// <summary>
    /// Whether a query-string value can be sent to PostgreSQL as text and normalized (.NET's normalization throws on U+FFFE,
    /// and neither noncharacter has a use in text).
    /// </summary>
    public static bool IsStorable(string? value) =>
        value is null || (!value.Contains('\0', StringComparison.Ordinal) && !value.Contains('\uFFFE', StringComparison.Ordinal)
            && !value.Contains('\uFFFF', StringComparison.Ordinal) && IsWellFormed(value));

    public static int CodePoints(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    public static string? TrimToNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().Normalize(NormalizationForm.FormC);

    public static string Clean(string value) => value.Trim().Normalize(NormalizationForm.FormC);
}
