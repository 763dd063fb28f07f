namespace Commentary.Text;

/// <summary>
/// 简体 ↔ 繁體 conversion with OpenCC's algorithm and dictionaries (shipped in this assembly). The dictionaries a
/// configuration needs are loaded on its first use, once per process, and shared with search folding.
/// </summary>
public static class ChineseConverter
{
    public static string Convert(string text, ConversionConfig config)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(config);
        return DictionarySet.Embedded.Pipeline(config).Convert(text);
    }

    /// <summary>Loads the dictionaries of <paramref name="config"/> now rather than on the first conversion.</summary>
    public static void Warm(ConversionConfig config) => DictionarySet.Embedded.Pipeline(config);
}
