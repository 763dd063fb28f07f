namespace Commentary.Api.Tests.Text.Conversion;

/// <summary>How close a conversion is to a reference: 1 − (Levenshtein distance over code points) / reference length.</summary>
public static class Agreement
{
    public static double Of(string output, string reference, out int distance)
    {
        var a = CodePoints(output);
        var b = CodePoints(reference);
        distance = Distance(a, b);
        return b.Length == 0 ? (a.Length == 0 ? 1 : 0) : 1 - (double)distance / b.Length;
    }

    public static int[] CodePoints(string text) => [.. text.EnumerateRunes().Select(r => r.Value)];

    /// <summary>
    /// Ukkonen's banded Levenshtein: only cells within <c>band</c> of the diagonal are computed, and a result within
    /// the band is exact; the band doubles until it is. Near-identical texts of 20,000 characters cost a few
    /// hundred thousand cells instead of 400 million.
    /// </summary>
    public static int Distance(int[] a, int[] b)
    {
        for (var band = Math.Max(8, Math.Abs(a.Length - b.Length)); ; band *= 2)
        {
            var distance = Banded(a, b, band);
            if (distance <= band)
            {
                return distance;
            }
        }
    }

    private static int Banded(int[] a, int[] b, int band)
    {
        var outside = band + 1;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j <= band ? j : outside;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var from = Math.Max(1, i - band);
            var to = Math.Min(b.Length, i + band);
            current[0] = i <= band ? i : outside;
            if (from > 1)
            {
                current[from - 1] = outside;
            }

            for (var j = from; j <= to; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                var deletion = previous[j] + 1;
                var insertion = current[j - 1] + 1;
                current[j] = Math.Min(outside, Math.Min(substitution, Math.Min(deletion, insertion)));
            }

            if (to < b.Length)
            {
                current[to + 1] = outside;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>The places where two texts differ, as "source → output / reference" excerpts, for the test output.</summary>
    public static IEnumerable<string> Differences(string source, string output, string reference, int limit = 12)
    {
        var a = CodePoints(output);
        var b = CodePoints(reference);
        var s = CodePoints(source);
        var shown = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length) && shown < limit; i++)
        {
            if (a[i] != b[i])
            {
                var from = Math.Max(0, i - 3);
                yield return $"at {i}: {Excerpt(s, from, 8)} → {Excerpt(a, from, 8)} / reference {Excerpt(b, from, 8)}";
                shown++;
                i += 4;
            }
        }
    }

    private static string Excerpt(int[] text, int from, int length) =>
        string.Concat(text.Skip(from).Take(length).Select(char.ConvertFromUtf32)).ReplaceLineEndings("⏎");
}
