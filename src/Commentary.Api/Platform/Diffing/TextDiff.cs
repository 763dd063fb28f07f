using System.Text;
using DiffPlex;
using DiffPlex.Model;

namespace Commentary.Api.Platform.Diffing;

/// <summary>What one segment of a diff does to the <c>from</c> text to reach the <c>to</c> text.</summary>
public enum DiffKind
{
    Equal,
    Insert,
    Delete,
}

public sealed record DiffSegment(DiffKind Kind, string Text);

/// <summary>Words (with the spaces and punctuation between them as pieces of their own), or characters as readers see them.</summary>
public enum DiffGranularity
{
    Word,
    Character,
}

/// <summary>
/// Differences between two texts as segments: equal and delete segments concatenated give back <c>from</c> exactly,
/// equal and insert segments give back <c>to</c>. Lines are compared first, and only changed runs of lines are compared
/// word by word or character by character. Myers' algorithm (DiffPlex) costs about the product of the pieces compared,
/// so a run with more than a budget of pieces (after its common start and end) is shown deleted and inserted whole:
/// the diff of two unrelated maximum-length bodies stays fast, and ordinary edits are never near the budget.
/// </summary>
public static class TextDiff
{
    public const int MaxLinePieces = 10_000;
    public const int MaxFinePieces = 10_000;

    public static IReadOnlyList<DiffSegment> Compare(string from, string to, DiffGranularity granularity)
    {
        var segments = new SegmentList();
        var fine = granularity == DiffGranularity.Word ? DiffChunkers.Words : DiffChunkers.Characters;
        Compare(from, to, DiffChunkers.Lines, MaxLinePieces, segments, (deleted, inserted) =>
            Compare(deleted, inserted, fine, MaxFinePieces, segments, (d, i) =>
            {
                segments.Add(DiffKind.Delete, d);
                segments.Add(DiffKind.Insert, i);
            }));
        return segments.Items;
    }

    /// <summary>Emits the common start and end as equal, diffs what lies between them, and hands each changed run on.</summary>
    private static void Compare(string from, string to, IChunker chunker, int budget, SegmentList segments, Action<string, string> changed)
    {
        var a = chunker.Chunk(from);
        var b = chunker.Chunk(to);
        var start = 0;
        while (start < a.Count && start < b.Count && a[start] == b[start])
        {
            start++;
        }

        var end = 0;
        while (end < a.Count - start && end < b.Count - start && a[a.Count - 1 - end] == b[b.Count - 1 - end])
        {
            end++;
        }

        segments.Add(DiffKind.Equal, Join(a, 0, start));
        int middleA = a.Count - start - end, middleB = b.Count - start - end;
        if (middleA == 0 || middleB == 0 || middleA + middleB > budget)
        {
            changed(Join(a, start, middleA), Join(b, start, middleB));
        }
        else
        {
            Walk(Differ.Instance.CreateDiffs(Join(a, start, middleA), Join(b, start, middleB), false, false, chunker), segments, changed);
        }

        segments.Add(DiffKind.Equal, Join(a, a.Count - end, end));
    }

    private static void Walk(DiffResult result, SegmentList segments, Action<string, string> changed)
    {
        var old = result.PiecesOld;
        var position = 0;
        foreach (var block in result.DiffBlocks)
        {
            segments.Add(DiffKind.Equal, Join(old, position, block.DeleteStartA - position));
            changed(Join(old, block.DeleteStartA, block.DeleteCountA), Join(result.PiecesNew, block.InsertStartB, block.InsertCountB));
            position = block.DeleteStartA + block.DeleteCountA;
        }

        segments.Add(DiffKind.Equal, Join(old, position, old.Count - position));
    }

    private static string Join(IReadOnlyList<string> pieces, int start, int count)
    {
        var text = new StringBuilder();
        for (var i = start; i < start + count; i++)
        {
            text.Append(pieces[i]);
        }

        return text.ToString();
    }

    /// <summary>Adjacent segments of one kind are merged and empty ones dropped, so a reader sees each change once.</summary>
    private sealed class SegmentList
    {
        public List<DiffSegment> Items { get; } = [];

        public void Add(DiffKind kind, string text)
        {
            if (text.Length == 0)
            {
                return;
            }

            if (Items.Count > 0 && Items[^1].Kind == kind)
            {
                Items[^1] = Items[^1] with { Text = Items[^1].Text + text };
                return;
            }

            Items.Add(new DiffSegment(kind, text));
        }
    }
}
