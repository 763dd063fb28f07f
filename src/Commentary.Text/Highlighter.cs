using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Commentary.Text;

/// <summary>
/// Builds a short HTML snippet around the first match of a query: the text is HTML-escaped and matches are wrapped in
/// <c>&lt;mark&gt;</c>, so the snippet is safe to insert as HTML. Matching mirrors the index: Han text through folded
/// bigrams (繁體 finds 简体), words through a light suffix-stripping stem (ranking itself is PostgreSQL's job).
/// </summary>
public static partial class Highlighter
{
    public static string Snippet(string text, string query, int maxLength = 200)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(query);
        var folded = ChineseScript.FoldToSimplified(text);
        var first = FirstMatch(folded, query);
        var start = text.Length <= maxLength ? 0 : Math.Clamp(Math.Max(first, 0) - maxLength / 4, 0, text.Length - maxLength);
        var end = Math.Min(text.Length, start + maxLength);
        start = AlignStart(text, start);
        end = AlignEnd(text, end);

        // Only the shown window is highlighted, so only it (widened to whole words) is matched: a long body costs no more.
        var from = Widen(folded, start, -1);
        var to = Widen(folded, end, 1);
        var matches = Matches(folded[from..to], query).Select(m => (Start: m.Start + from, End: m.End + from));

        var html = new StringBuilder(maxLength + 64);
        if (start > 0)
        {
            html.Append('…');
        }

        var position = start;
        foreach (var (matchStart, matchEnd) in matches.Where(m => m.Start >= start && m.End <= end))
        {
            if (matchStart < position)
            {
                continue;
            }

            Escape(html, text.AsSpan(position, matchStart - position));
            html.Append("<mark>");
            Escape(html, text.AsSpan(matchStart, matchEnd - matchStart));
            html.Append("</mark>");
            position = matchEnd;
        }

        Escape(html, text.AsSpan(position, end - position));
        if (end < text.Length)
        {
            html.Append('…');
        }

        return html.ToString();
    }

    /// <summary>Ranges of <paramref name="folded"/> that match a term of <paramref name="query"/>, ordered and not overlapping.</summary>
    public static IReadOnlyList<(int Start, int End)> Matches(string folded, string query)
    {
        var prepared = ChineseScript.FoldToSimplified(query);
        var ranges = new List<(int Start, int End)>();
        var stems = Stems(prepared);
        if (stems.Count > 0)
        {
            foreach (var word in Word().EnumerateMatches(folded))
            {
                if (StemIn(folded.AsSpan(word.Index, word.Length), stems))
                {
                    ranges.Add((word.Index, word.Index + word.Length));
                }
            }
        }

        foreach (Match run in HanRun().Matches(prepared))
        {
            foreach (var token in SearchText.HanTokens(run.Value))
            {
                for (var at = folded.IndexOf(token, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(token, at + 1, StringComparison.Ordinal))
                {
                    ranges.Add((at, at + token.Length));
                }
            }
        }

        ranges.Sort();
        var merged = new List<(int Start, int End)>();
        foreach (var range in ranges)
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    /// <summary>Where the first match of <paramref name="query"/> in <paramref name="folded"/> starts, or -1: stops at the first one.</summary>
    public static int FirstMatch(string folded, string query)
    {
        var prepared = ChineseScript.FoldToSimplified(query);
        var first = -1;
        var stems = Stems(prepared);
        if (stems.Count > 0)
        {
            foreach (var word in Word().EnumerateMatches(folded))
            {
                if (StemIn(folded.AsSpan(word.Index, word.Length), stems))
                {
                    first = word.Index;
                    break;
                }
            }
        }

        foreach (Match run in HanRun().Matches(prepared))
        {
            foreach (var token in SearchText.HanTokens(run.Value))
            {
                var at = first < 0 ? folded.IndexOf(token, StringComparison.Ordinal) : folded.IndexOf(token, 0, first, StringComparison.Ordinal);
                if (at >= 0)
                {
                    first = at;
                }
            }
        }

        return first;
    }

    /// <summary>A light English stem: lower case without common inflection suffixes, so "exercises" meets "exercise".</summary>
    public static string Stem(string word)
    {
        var lower = word.ToLower(CultureInfo.InvariantCulture);
        var suffix = SuffixLength(lower);
        return suffix == 0 ? lower : lower[..^suffix];
    }

    private static readonly string[] Suffixes = ["ing", "ies", "es", "ed", "s", "e", "y"];

    private static int SuffixLength(ReadOnlySpan<char> lower)
    {
        foreach (var suffix in Suffixes)
        {
            if (lower.Length > suffix.Length + 2 && lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                return suffix.Length;
            }
        }

        return 0;
    }

    private static HashSet<string> Stems(string prepared)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match word in Word().Matches(prepared))
        {
            if (Stem(word.Value) is { Length: > 0 } stem)
            {
                stems.Add(stem);
            }
        }

        return stems;
    }

    /// <summary><see cref="Stem"/> of <paramref name="word"/> is in <paramref name="stems"/>, without allocating for ordinary words.</summary>
    private static bool StemIn(ReadOnlySpan<char> word, HashSet<string> stems)
    {
        if (word.Length > 64)
        {
            return stems.Contains(Stem(word.ToString()));
        }

        Span<char> lower = stackalloc char[word.Length];
        if (word.ToLowerInvariant(lower) != word.Length)
        {
            return stems.Contains(Stem(word.ToString()));
        }

        var stem = lower[..^SuffixLength(lower)];
        return stems.GetAlternateLookup<ReadOnlySpan<char>>().Contains(stem);
    }

    /// <summary>Moves <paramref name="index"/> outwards to the edge of the word or Han run it cuts (at most 64 characters).</summary>
    private static int Widen(string text, int index, int direction)
    {
        for (var moved = 0; moved < 64; moved++)
        {
            var next = direction < 0 ? index - 1 : index;
            if (next < 0 || next >= text.Length || !char.IsLetterOrDigit(text[next]) && !char.IsSurrogate(text[next]))
            {
                break;
            }

            index += direction;
        }

        return index;
    }

    private static void Escape(StringBuilder html, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => html.Append("&amp;"),
                '<' => html.Append("&lt;"),
                '>' => html.Append("&gt;"),
                '"' => html.Append("&quot;"),
                '\'' => html.Append("&#39;"),
                _ when char.IsControl(c) && c is not '\n' and not '\t' => html.Append(' '),
                _ => html.Append(c),
            };
        }
    }

    private static int AlignStart(string text, int index) => index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) ? index - 1 : index;

    private static int AlignEnd(string text, int index) => index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) ? index + 1 : index;

    [GeneratedRegex(@"[\p{L}\p{N}-[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"(?:[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]|[\uD840-\uD8C4][\uDC00-\uDFFF])+", RegexOptions.CultureInvariant)]
    private static partial Regex HanRun();
}
