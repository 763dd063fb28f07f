namespace Commentary.Text;

/// <summary>
/// Terms one conversion must not leave to the dictionaries: each is written as given (a name the dictionaries would
/// "correct", such as 范冰冰 → 範冰冰) or as its explicit output (house style, such as 台湾 → 臺灣). The caller picks the
/// terms of one configuration; <see cref="ChineseConverter.Convert(string, ConversionConfig, ConversionGlossary?)"/>
/// applies them before the dictionaries, by maximum match from the left, and converts the text between them as usual.
/// </summary>
public sealed class ConversionGlossary
{
    private readonly PhraseDictionary _terms;

    /// <param name="terms">Source text → output (the source text itself to keep it as written). The first of a repeated term wins.</param>
    public ConversionGlossary(IEnumerable<KeyValuePair<string, string>> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        _terms = new PhraseDictionary(terms.Where(t => t.Key.Length > 0));
    }

    public static ConversionGlossary Empty { get; } = new([]);

    public int Count => _terms.Count;

    /// <summary>The longest term a glossary entry may have (OpenCC's own keys are shorter still).</summary>
    public const int MaxTermLength = PhraseDictionary.MaxKeyLength;

    /// <summary>Whether <paramref name="text"/> contains a term of this glossary (a conversion of it would differ without it).</summary>
    public bool Matches(string text) => Pieces(text).Any(p => p.Output is not null);

    /// <summary>
    /// <paramref name="text"/> cut into runs to convert (<c>Output</c> null) and glossary terms (their output), in order;
    /// concatenating the runs and outputs in place of the terms gives the text with the glossary applied.
    /// </summary>
    internal IEnumerable<(int Start, int Length, string? Output)> Pieces(string text)
    {
        if (_terms.Count == 0)
        {
            if (text.Length > 0)
            {
                yield return (0, text.Length, null);
            }

            yield break;
        }

        var runStart = 0;
        var position = 0;
        while (position < text.Length)
        {
            var matched = _terms.MatchPrefix(text.AsSpan(position), out var output);
            if (matched == 0)
            {
                position += char.IsHighSurrogate(text[position]) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1]) ? 2 : 1;
                continue;
            }

            if (position > runStart)
            {
                yield return (runStart, position - runStart, null);
            }

            yield return (position, matched, output);
            position += matched;
            runStart = position;
        }

        if (position > runStart)
        {
            yield return (runStart, position - runStart, null);
        }
    }
}
