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
        var matches = Matches(folded, query);
        var first = matches.Count > 0 ? matches[0].Start : 0;
        var start = text.Length <= maxLength ? 0 : Math.Clamp(first - maxLength / 4, 0, text.Length - maxLength);
        var end = Math.Min(text.Length, start + maxLength);
        start = AlignStart(text, start);
        end = AlignEnd(text, end);

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
        var stems = Word().Matches(prepared).Select(m => Stem(m.Value)).Where(s => s.Length > 0).ToHashSet(StringComparer.Ordinal);
        if (stems.Count > 0)
        {
            ranges.AddRange(Word().Matches(folded).Where(m => stems.Contains(Stem(m.Value))).Select(m => (m.Index, m.Index + m.Length)));
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

    /// <summary>A light English stem: lower case without common inflection suffixes, so "exercises" meets "exercise".</summary>
    public static string Stem(string word)
    {
        var lower = word.ToLower(CultureInfo.InvariantCulture);
        foreach (var suffix in new[] { "ing", "ies", "es", "ed", "s", "e", "y" })
        {
            if (lower.Length > suffix.Length + 2 && lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                return lower[..^suffix.Length];
            }
        }

        return lower;
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
