using System.Text;
using FluentValidation;

namespace Commentary.Api.Platform.Validation;

/// <summary>
/// Rules every stored text obeys. Lengths count Unicode code points, as PostgreSQL does, so an emoji or 𠀀 counts
/// once; NUL is refused because PostgreSQL text cannot hold it; an unpaired surrogate is refused because it is not text.
/// Limits are checked on the trimmed value, which is what gets stored.
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
            .Must(value => value is null || CodePoints(value.Trim()) <= maxLength)
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

    /// <summary>Whether a query-string value can be sent to PostgreSQL as text.</summary>
    public static bool IsStorable(string? value) => value is null || (!value.Contains('\0', StringComparison.Ordinal) && IsWellFormed(value));

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
