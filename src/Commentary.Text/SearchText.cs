using System.Text;

namespace Commentary.Text;

/// <summary>
/// Prepares text for PostgreSQL full-text search, whose default parser does not segment Han text. Han runs are folded
/// to Simplified and rewritten as overlapping character bigrams (as Lucene's CJK analyzer does), plus unigrams in
/// indexed text so that a one-character query still matches; everything else is left to the <c>english</c> config
/// (stemming, stop words). Queries get bigrams only, so 中俄军事 means 中俄 &amp; 俄军 &amp; 军事.
/// </summary>
public static class SearchText
{
    /// <summary>Separates the weighted fields (title, summary, body) of one indexed document.</summary>
    public const char FieldSeparator = '\u001e';

    /// <summary>
    /// The most UTF-8 bytes of prepared text a document indexes. PostgreSQL refuses a tsvector over 1 MiB, and a
    /// tsvector costs at most about five bytes per byte of prepared text (a distinct short lexeme carries a 4-byte entry
    /// and a 2-byte position besides its own bytes; a hyphenated compound is indexed whole and as its parts), so this
    /// keeps any document under the limit. It still holds about 160,000 characters of English or the first ~14,000 of
    /// Chinese (each Han character becomes a bigram and a unigram); only the rest of a longer body is not searchable.
    /// </summary>
    public const int MaxIndexedBytes = 160_000;

    /// <summary>
    /// The indexed form of one document: title, summary and body, each prepared, joined by <see cref="FieldSeparator"/>;
    /// the body cut at a token boundary so that the whole stays within <see cref="MaxIndexedBytes"/>.
    /// </summary>
    public static string ForDocument(string title, string? summary, string body)
    {
        var head = Truncate(Prepare(title, index: true) + FieldSeparator + Prepare(summary ?? "", index: true), MaxIndexedBytes / 4);
        var rest = MaxIndexedBytes - Encoding.UTF8.GetByteCount(head) - 1;
        return head + FieldSeparator + Truncate(Prepare(body, index: true), rest);
    }

    /// <summary>The query form of user input (for <c>websearch_to_tsquery</c>, which never fails on syntax).</summary>
    public static string ForQuery(string query) => Prepare(query, index: false);

    public static string Prepare(string text, bool index)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = ChineseScript.FoldToSimplified(text);
        var output = new StringBuilder(folded.Length * 2);
        var run = new List<string>();
        foreach (var rune in folded.EnumerateRunes())
        {
            if (IsHan(rune))
            {
                run.Add(rune.ToString());
                continue;
            }

            Flush(run, output, index);
            // Control characters (including the field separator) never reach the index.
            output.Append(Rune.IsControl(rune) ? " " : rune.ToString());
        }

        Flush(run, output, index);
        return output.ToString();
    }

    /// <summary><paramref name="prepared"/> cut to at most <paramref name="maxBytes"/> UTF-8 bytes, at the last space before the cut.</summary>
    private static string Truncate(string prepared, int maxBytes)
    {
        if (prepared.Length <= maxBytes / 3 || Encoding.UTF8.GetByteCount(prepared) <= maxBytes)
        {
            return prepared;
        }

        var bytes = 0;
        var end = 0;
        for (var i = 0; i < prepared.Length; )
        {
            // A lone surrogate decodes as U+FFFD (3 bytes, as PostgreSQL would never see it anyway) instead of throwing.
            Rune.DecodeFromUtf16(prepared.AsSpan(i), out var rune, out var consumed);
            bytes += rune.Utf8SequenceLength;
            if (bytes > maxBytes)
            {
                break;
            }

            if (rune.Value == ' ')
            {
                end = i;
            }

            i += consumed;
        }

        return prepared[..end];
    }

    /// <summary>The Han tokens a query run turns into: its bigrams, or the character itself when alone.</summary>
    public static IReadOnlyList<string> HanTokens(string run)
    {
        var runes = run.EnumerateRunes().Select(r => r.ToString()).ToList();
        return runes.Count == 1 ? runes : Enumerable.Range(0, runes.Count - 1).Select(i => runes[i] + runes[i + 1]).ToList();
    }

    public static bool IsHan(Rune rune) => rune.Value is
        (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x3134F);

    private static void Flush(List<string> run, StringBuilder output, bool index)
    {
        if (run.Count == 0)
        {
            return;
        }

        output.Append(' ');
        if (run.Count == 1)
        {
            output.Append(run[0]);
        }
        else
        {
            for (var i = 0; i + 1 < run.Count; i++)
            {
                output.Append(run[i]).Append(run[i + 1]).Append(' ');
            }

            if (index)
            {
                output.AppendJoin(' ', run);
            }
        }

        output.Append(' ');
        run.Clear();
    }
}
