using System.Collections.Frozen;
using System.Text;

namespace Commentary.Text;

/// <summary>
/// Folds Traditional Chinese characters to Simplified with OpenCC's TSCharacters table (first candidate), so that
/// 新聞 and 新闻 become the same search term. Folding is per character and only where the replacement has the same
/// UTF-16 length, which keeps offsets in folded text equal to offsets in the original (used for highlighting).
/// </summary>
public static class ChineseScript
{
    private static readonly FrozenDictionary<string, string> TraditionalToSimplified = Load("TSCharacters");

    public static int EntryCount => TraditionalToSimplified.Count;

    public static string FoldToSimplified(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (text[i] >= 0x3400 || width == 2)
            {
                var key = text.Substring(i, width);
                if (TraditionalToSimplified.TryGetValue(key, out var simplified) && simplified.Length == width)
                {
                    builder ??= new StringBuilder(text, 0, i, text.Length);
                    builder.Append(simplified);
                    i += width - 1;
                    continue;
                }
            }

            builder?.Append(text, i, width);
            i += width - 1;
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>The same loaded TSCharacters as conversion uses, less its entries that map a character to itself.</summary>
    private static FrozenDictionary<string, string> Load(string dictionary) =>
        DictionarySet.Embedded.Get(dictionary).Entries
            .Where(entry => entry.Value != entry.Key)
            .ToFrozenDictionary(StringComparer.Ordinal);
}
