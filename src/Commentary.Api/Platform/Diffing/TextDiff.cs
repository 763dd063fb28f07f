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
/// word by word or character by character. Myers' algorithm (DiffPlex) costs up to the square of the pieces compared, so
/// a run of more than <see cref="MaxPieces"/> pieces (after its common start and end), or one that would take the whole
/// comparison past <see cref="MaxWork"/>, is shown deleted and inserted whole: the diff of two unrelated maximum-length
/// bodies stays well under a second, and ordinary edits come nowhere near either limit.
/// </summary>
public static class TextDiff
{
    public const int MaxPieces = 6_000;

    /// <summary>Lines (with the blank lines after them) on both sides: a maximum-length body of short paragraphs fits.</summary>
    public const int MaxLinePieces = 2 * MaxPieces;

    /// <summary>The sum of the squared sizes, in pieces, of the runs compared finely: four runs of the largest size.</summary>
    public const long MaxWork = 4L * MaxPieces * MaxPieces;

    public static IReadOnlyList<DiffSegment> Compare(string from, string to, DiffGranularity granularity)
    {
        var comparison = new Comparison(granularity == DiffGranularity.Word ? DiffChunkers.Words : DiffChunkers.Characters);
        comparison.Run(from, to, DiffChunkers.Lines, MaxLinePieces, comparison.CompareFinely);
        return comparison.Finish();
    }

    private const string OldKey = "old", NewKey = "new";

    private sealed class Comparison(IChunker fine)
    {
        private readonly List<DiffSegment> _segments = [];
        private readonly StringBuilder _pending = new();
        private DiffKind _pendingKind;
        private long _workLeft = MaxWork;

        public void CompareFinely(string deleted, string inserted) => Run(deleted, inserted, fine, MaxPieces, ShowWhole);

        /// <summary>Emits the common start and end as equal, diffs what lies between them, and hands each changed run on.</summary>
        public void Run(string from, string to, IChunker chunker, int maxPieces, Action<string, string> changed)
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

            Add(DiffKind.Equal, Join(a, 0, start));
            var matches = Match(Slice(a, start, a.Count - start - end), Slice(b, start, b.Count - start - end), maxPieces, charged: chunker != DiffChunkers.Lines);
            int positionA = start, positionB = start;
            foreach (var (matchA, matchB) in matches ?? [])
            {
                changed(Join(a, positionA, start + matchA - positionA), Join(b, positionB, start + matchB - positionB));
                Add(DiffKind.Equal, a[start + matchA]);
                (positionA, positionB) = (start + matchA + 1, start + matchB + 1);
            }

            changed(Join(a, positionA, a.Count - end - positionA), Join(b, positionB, b.Count - end - positionB));
            Add(DiffKind.Equal, Join(a, a.Count - end, end));
        }

        /// <summary>
        /// The pairs of equal pieces of a longest common subsequence, or none when over budget. As GNU diff does, pieces
        /// found only on one side are left out first (they cannot be in it), so two unrelated texts cost next to nothing.
        /// </summary>
        private List<(int A, int B)>? Match(List<string> a, List<string> b, int maxPieces, bool charged)
        {
            var inB = b.ToHashSet(StringComparer.Ordinal);
            var inA = a.ToHashSet(StringComparer.Ordinal);
            var keptA = Enumerable.Range(0, a.Count).Where(i => inB.Contains(a[i])).ToList();
            var keptB = Enumerable.Range(0, b.Count).Where(i => inA.Contains(b[i])).ToList();
            long size = keptA.Count + keptB.Count;
            if (keptA.Count == 0 || keptB.Count == 0 || size > maxPieces || (charged && size * size > _workLeft))
            {
                return null;
            }

            _workLeft -= charged ? size * size : 0;
            var result = Differ.Instance.CreateDiffs(OldKey, NewKey, false, false, new Precut([.. keptA.Select(i => a[i])], [.. keptB.Select(i => b[i])]));
            var matches = new List<(int, int)>();
            int positionA = 0, positionB = 0;
            foreach (var block in result.DiffBlocks.Append(new DiffBlock(keptA.Count, 0, keptB.Count, 0)))
            {
                for (; positionA < block.DeleteStartA; positionA++, positionB++)
                {
                    matches.Add((keptA[positionA], keptB[positionB]));
                }

                (positionA, positionB) = (block.DeleteStartA + block.DeleteCountA, block.InsertStartB + block.InsertCountB);
            }

            return matches;
        }

        private void ShowWhole(string deleted, string inserted)
        {
            Add(DiffKind.Delete, deleted);
            Add(DiffKind.Insert, inserted);
        }

        /// <summary>Adjacent segments of one kind are merged and empty ones dropped, so a reader sees each change once.</summary>
        private void Add(DiffKind kind, string text)
        {
            if (text.Length == 0)
            {
                return;
            }

            if (_pending.Length > 0 && _pendingKind != kind)
            {
                Flush();
            }

            _pendingKind = kind;
            _pending.Append(text);
        }

        public List<DiffSegment> Finish()
        {
            Flush();
            return _segments;
        }

        private void Flush()
        {
            if (_pending.Length > 0)
            {
                _segments.Add(new DiffSegment(_pendingKind, _pending.ToString()));
                _pending.Clear();
            }
        }

        private static List<string> Slice(IReadOnlyList<string> pieces, int start, int count) => [.. pieces.Skip(start).Take(count)];

        private static string Join(IReadOnlyList<string> pieces, int start, int count)
        {
            var text = new StringBuilder();
            for (var i = start; i < start + count; i++)
            {
                text.Append(pieces[i]);
            }

            return text.ToString();
        }
    }

    /// <summary>Hands DiffPlex pieces already cut (and filtered), which no chunking of a string could give back.</summary>
    private sealed class Precut(IReadOnlyList<string> old, IReadOnlyList<string> @new) : IChunker
    {
        public IReadOnlyList<string> Chunk(string str) => ReferenceEquals(str, OldKey) ? old : @new;
    }
}
