using System.Text;
using System.Text.RegularExpressions;

namespace Commentary.Api.Content;

/// <summary>Slugs are lowercase ASCII words joined by single hyphens, at most 120 characters: stable in URLs in every language.</summary>
public static partial class Slugs
{
    public const int MaxLength = 120;

    public const string RuleDescription = "must be lowercase ASCII letters and digits in words joined by single hyphens (for example 'china-russia-2021'), at most 120 characters.";

    public static bool IsValid(string? slug) => slug is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(slug);

    /// <summary>A slug from <paramref name="text"/>'s ASCII words, or null when it has none (for example a Chinese-only title).</summary>
    public static string? FromText(string text)
    {
        var builder = new StringBuilder(MaxLength);
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-' && (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c)))
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > MaxLength)
        {
            slug = slug[..MaxLength];
            var cut = slug.LastIndexOf('-');
            slug = cut > MaxLength / 2 ? slug[..cut] : slug.TrimEnd('-');
        }

        return slug.Length == 0 ? null : slug;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
