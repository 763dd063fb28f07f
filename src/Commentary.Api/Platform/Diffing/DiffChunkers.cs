using System.Globalization;
using System.Text;
using DiffPlex;

namespace Commentary.Api.Platform.Diffing;

/// <summary>
/// How <see cref="TextDiff"/> cuts text into pieces. Every chunker is lossless (its pieces concatenated are the text) and
/// cuts only between text elements, so a surrogate pair, a letter and its accent, or CR LF are never split in a diff.
/// </summary>
internal static class DiffChunkers
{
    /// <summary>Each line with its line ending and the blank lines after it: a Markdown paragraph is one piece.</summary>
    public static readonly IChunker Lines = new Chunker(LineLength);

    /// <summary>Runs of letters and digits, runs of spaces, and every other element (punctuation, a Han character) alone.</summary>
    public static readonly IChunker Words = new Chunker(WordLength);

    /// <summary>Text elements (grapheme clusters): what a reader counts as one character.</summary>
    public static readonly IChunker Characters = new Chunker(ElementLength);

    private static int LineLength(ReadOnlySpan<char> text)
    {
        var newline = text.IndexOf('\n');
        if (newline < 0)
        {
            return text.Length;
        }

        var length = newline + 1;
        while (length < text.Length && (text[length] == '\n' || (text[length] == '\r' && length + 1 < text.Length && text[length + 1] == '\n')))
        {
            length += text[length] == '\n' ? 1 : 2;
        }

        return length;
    }

    private static int ElementLength(ReadOnlySpan<char> text) => StringInfo.GetNextTextElementLength(text);

    private static int WordLength(ReadOnlySpan<char> text)
    {
        var kind = KindOf(text);
        var length = ElementLength(text);
        if (kind == PieceKind.Alone)
        {
            return length;
        }

        while (length < text.Length && KindOf(text[length..]) == kind)
        {
            length += ElementLength(text[length..]);
        }

        return length;
    }

    private enum PieceKind
    {
        Word,
        Space,
        Alone,
    }

    private static PieceKind KindOf(ReadOnlySpan<char> text)
    {
        Rune.DecodeFromUtf16(text, out var rune, out _);
        if (Rune.IsWhiteSpace(rune))
        {
            return PieceKind.Space;
        }

        // Ideographs have no spaces between words: each stands alone rather than an entire sentence becoming one word.
        return Rune.GetUnicodeCategory(rune) != UnicodeCategory.OtherLetter && (Rune.IsLetterOrDigit(rune) || rune.Value is '\'' or '’' or '_')
            ? PieceKind.Word
            : PieceKind.Alone;
    }

    private sealed class Chunker(Func<ReadOnlySpan<char>, int> nextLength) : IChunker
    {
        public IReadOnlyList<string> Chunk(string text)
        {
            var pieces = new List<string>();
            for (var position = 0; position < text.Length;)
            {
                var length = Math.Max(1, nextLength(text.AsSpan(position)));
                pieces.Add(text.Substring(position, length));
                position += length;
            }

            return pieces;
        }
    }
}
