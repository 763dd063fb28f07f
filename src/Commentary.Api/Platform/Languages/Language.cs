namespace Commentary.Api.Platform.Languages;

/// <summary>The three canonical language tags the publication writes in, and the aliases readers send.</summary>
public static class Language
{
    public const string English = "en";
    public const string Simplified = "zh-Hans";
    public const string Traditional = "zh-Hant";

    public static readonly IReadOnlyList<string> All = [English, Simplified, Traditional];

    public const string SupportedList = "en, zh-Hans, zh-Hant";

    /// <summary>The validation message for a language tag that is not supported (like <c>Slugs.RuleDescription</c>).</summary>
    public const string RuleDescription = "must be one of " + SupportedList + ".";

    public static string Label(string tag) => tag switch
    {
        English => "English",
        Simplified => "简体",
        Traditional => "繁體",
        _ => tag,
    };

    /// <summary>Maps a tag or one of its accepted aliases (case-insensitive) to the canonical tag.</summary>
    public static bool TryNormalize(string? value, out string tag)
    {
        tag = "";
        if (string.IsNullOrWhiteSpace(value) || value.Length > 35)
        {
            return false;
        }

        var lower = value.Trim().Replace('_', '-').ToLowerInvariant();
        string? canonical = lower switch
        {
            "en" => English,
            "zh" or "zh-cn" or "zh-sg" or "zh-hans" => Simplified,
            "zh-tw" or "zh-hk" or "zh-mo" or "zh-hant" => Traditional,
            _ when lower.StartsWith("en-", StringComparison.Ordinal) => English,
            _ when lower.StartsWith("zh-hans-", StringComparison.Ordinal) => Simplified,
            _ when lower.StartsWith("zh-hant-", StringComparison.Ordinal) => Traditional,
            _ => null,
        };
        if (canonical is null)
        {
            return false;
        }

        tag = canonical;
        return true;
    }

    public static bool IsCanonical(string? value) => value is English or Simplified or Traditional;
}
