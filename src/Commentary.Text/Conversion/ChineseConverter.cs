using System.Text;

namespace Commentary.Text;

/// <summary>
/// 简体 ↔ 繁體 conversion with OpenCC's algorithm and dictionaries (shipped in this assembly). The dictionaries a
/// configuration needs are loaded on its first use, once per process, and shared with search folding.
/// </summary>
public static class ChineseConverter
{
    public static string Convert(string text, ConversionConfig config) => Convert(text, config, null);

    /// <summary>
    /// Converts <paramref name="text"/>, taking the terms of <paramref name="glossary"/> as it says before any dictionary
    /// sees them. A term is a boundary: dictionary phrases never span it, as they never span OpenCC's own segments.
    /// </summary>
    public static string Convert(string text, ConversionConfig config, ConversionGlossary? glossary)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(config);
        var pipeline = DictionarySet.Embedded.Pipeline(config);
        if (glossary is null || glossary.Count == 0)
        {
            return pipeline.Convert(text);
        }

        var output = new StringBuilder(text.Length + text.Length / 8);
        foreach (var (start, length, term) in glossary.Pieces(text))
        {
            output.Append(term ?? pipeline.Convert(text.Substring(start, length)));
        }

        return output.ToString();
    }

    /// <summary>Loads the dictionaries of <paramref name="config"/> now rather than on the first conversion.</summary>
    public static void Warm(ConversionConfig config) => DictionarySet.Embedded.Pipeline(config);
}
