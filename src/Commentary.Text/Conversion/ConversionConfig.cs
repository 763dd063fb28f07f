using System.Diagnostics.CodeAnalysis;

namespace Commentary.Text;

/// <summary>
/// One of OpenCC's conversion configurations, as its data/config/*.json defines it: the dictionary that segments the
/// text (maximum match), then a chain of stages, each a group of dictionaries where the first that matches wins.
/// Names are OpenCC's (<c>s2tw</c> is <c>s2tw.json</c>).
/// </summary>
public sealed class ConversionConfig
{
    private ConversionConfig(string name, string description, string segmentation, params string[][] stages)
    {
        Name = name;
        Description = description;
        Segmentation = segmentation;
        Stages = stages;
    }

    public string Name { get; }

    public string Description { get; }

    internal string Segmentation { get; }

    /// <summary>简体 → 繁體 (the <c>s2*</c> configurations); false for 繁體 → 简体.</summary>
    public bool ToTraditional => Segmentation == "STPhrases";

    internal IReadOnlyList<string[]> Stages { get; }

    public static readonly ConversionConfig S2T = new("s2t", "Simplified to Traditional (OpenCC standard)",
        "STPhrases", ["STPhrases", "STCharacters"]);

    public static readonly ConversionConfig S2TW = new("s2tw", "Simplified to Traditional, Taiwan variants",
        "STPhrases", ["STPhrases", "STCharacters"], ["TWVariants"]);

    public static readonly ConversionConfig S2TWP = new("s2twp", "Simplified to Traditional, Taiwan variants and phrases",
        "STPhrases", ["STPhrases", "STCharacters"], ["TWPhrases"], ["TWVariants"]);

    public static readonly ConversionConfig S2HK = new("s2hk", "Simplified to Traditional, Hong Kong variants",
        "STPhrases", ["STPhrases", "STCharacters"], ["HKVariants"]);

    public static readonly ConversionConfig T2S = new("t2s", "Traditional (OpenCC standard) to Simplified",
        "TSPhrases", ["TSPhrases", "TSCharacters"]);

    public static readonly ConversionConfig TW2S = new("tw2s", "Traditional, Taiwan variants, to Simplified",
        "TSPhrases", ["TWVariantsRevPhrases", "TWVariantsRev"], ["TSPhrases", "TSCharacters"]);

    public static readonly ConversionConfig TW2SP = new("tw2sp", "Traditional, Taiwan variants and phrases, to Simplified (mainland phrases)",
        "TSPhrases", ["TWPhrasesRev", "TWVariantsRevPhrases", "TWVariantsRev"], ["TSPhrases", "TSCharacters"]);

    public static readonly ConversionConfig HK2S = new("hk2s", "Traditional, Hong Kong variants, to Simplified",
        "TSPhrases", ["HKVariantsRevPhrases", "HKVariantsRev"], ["TSPhrases", "TSCharacters"]);

    /// <summary>The publication's 简体 → 繁體 default: how its 繁體 edition is made (sample-article.zh-Hant.md).</summary>
    public static readonly ConversionConfig PublicationToTraditional = S2TW;

    /// <summary>The publication's 繁體 → 简体 default, the inverse of <see cref="PublicationToTraditional"/>.</summary>
    public static readonly ConversionConfig PublicationToSimplified = TW2S;

    /// <summary>The publication's default in one direction.</summary>
    public static ConversionConfig PublicationDefault(bool toTraditional) => toTraditional ? PublicationToTraditional : PublicationToSimplified;

    public static IReadOnlyList<ConversionConfig> All { get; } = [S2T, S2TW, S2TWP, S2HK, T2S, TW2S, TW2SP, HK2S];

    /// <summary>Finds a configuration by OpenCC's name, case-insensitively, with or without <c>.json</c>.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out ConversionConfig? config)
    {
        var bare = name?.Trim();
        if (bare is not null && bare.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            bare = bare[..^".json".Length];
        }

        config = All.FirstOrDefault(c => string.Equals(c.Name, bare, StringComparison.OrdinalIgnoreCase));
        return config is not null;
    }

    public override string ToString() => Name;
}
