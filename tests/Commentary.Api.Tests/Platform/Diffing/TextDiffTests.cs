using System.Text;
using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Diffing;
using Commentary.Api.Platform.Validation;

namespace Commentary.Api.Tests.Platform.Diffing;

public sealed class TextDiffTests
{
    /// <summary>Pieces edits are made of: words, CJK, a surrogate pair, an accent that combines with what precedes it, Markdown, CR LF.</summary>
    private static readonly string[] Alphabet =
        ["the ", "quick", " ", "fox", ".", "\n", "\n\n", "\r\n", "**", "# ", "- ", "中", "俄", "舉行", "演习", "，", "。", "😀", "𠀀", "e\u0301", "\u0301", "’s", "\t"];

    [Fact]
    public void ChangedWord_IsOneDeleteAndOneInsert_BetweenEqualWords()
    {
        var segments = TextDiff.Compare("The quick brown fox jumps.", "The quick red fox jumps.", DiffGranularity.Word);

        Assert.Equal(
            [new(DiffKind.Equal, "The quick "), new(DiffKind.Delete, "brown"), new(DiffKind.Insert, "red"), new(DiffKind.Equal, " fox jumps.")],
            segments);
    }

    [Fact]
    public void WordLevel_NeverCutsAWord()
    {
        var segments = TextDiff.Compare("a translation", "a transliteration", DiffGranularity.Word);

        Assert.Equal([new(DiffKind.Equal, "a "), new(DiffKind.Delete, "translation"), new(DiffKind.Insert, "transliteration")], segments);
    }

    [Fact]
    public void CharacterLevel_InsertsOnlyTheNewCharacters()
    {
        var segments = TextDiff.Compare("中俄举行联合演习", "中俄举行海上联合演习", DiffGranularity.Character);

        Assert.Equal([new(DiffKind.Equal, "中俄举行"), new(DiffKind.Insert, "海上"), new(DiffKind.Equal, "联合演习")], segments);
    }

    [Fact]
    public void CharacterLevel_KeepsSurrogatePairsAndCombiningMarksWhole()
    {
        var segments = TextDiff.Compare("a😀b𠀀ce\u0301", "a😁b𠀁ce\u0300", DiffGranularity.Character);

        Assert.Equal("a😀b𠀀ce\u0301", Rebuild(segments, DiffKind.Delete));
        Assert.Equal("a😁b𠀁ce\u0300", Rebuild(segments, DiffKind.Insert));
        Assert.Equal(new DiffSegment(DiffKind.Insert, "e\u0300"), segments[^1]);
        Assert.Contains(new DiffSegment(DiffKind.Delete, "😀"), segments);
        Assert.Contains(new DiffSegment(DiffKind.Insert, "𠀁"), segments);
        Assert.All(segments, s => Assert.True(TextRules.IsWellFormed(s.Text), $"'{s.Text}' splits a surrogate pair"));
    }

    [Fact]
    public void MarkdownBody_ChangedLine_LeavesOtherLinesEqual()
    {
        var from = "# Drills\r\n\r\nFirst paragraph.\n\nSecond **bold** paragraph.\n\n- one\n- two\n";
        var to = "# Drills\r\n\r\nFirst paragraph.\n\nSecond *bold* paragraph, changed.\n\n- one\n- two\n- three\n";
        var segments = TextDiff.Compare(from, to, DiffGranularity.Word);

        Assert.Equal(from, Rebuild(segments, DiffKind.Delete));
        Assert.Equal(to, Rebuild(segments, DiffKind.Insert));
        Assert.StartsWith("# Drills\r\n\r\nFirst paragraph.\n\nSecond ", segments[0].Text);
        Assert.Equal(new DiffSegment(DiffKind.Insert, "- three\n"), segments[^1]);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("", "new")]
    [InlineData("old", "")]
    [InlineData("same", "same")]
    public void EmptyAndEqualTexts_RoundTrip(string from, string to)
    {
        var segments = TextDiff.Compare(from, to, DiffGranularity.Word);

        Assert.Equal(from, Rebuild(segments, DiffKind.Delete));
        Assert.Equal(to, Rebuild(segments, DiffKind.Insert));
        Assert.All(segments, s => Assert.NotEmpty(s.Text));
        Assert.Equal(from == to, segments.All(s => s.Kind == DiffKind.Equal));
    }

    [Theory]
    [InlineData(DiffGranularity.Word)]
    [InlineData(DiffGranularity.Character)]
    public void RandomEdits_SegmentsRebuildBothTexts(DiffGranularity granularity)
    {
        var random = new Random(20261201);
        for (var round = 0; round < 300; round++)
        {
            var from = RandomText(random, random.Next(0, 60));
            var to = Edit(random, from, random.Next(1, 6));
            var segments = TextDiff.Compare(from, to, granularity);

            Assert.Equal(from, Rebuild(segments, DiffKind.Delete));
            Assert.Equal(to, Rebuild(segments, DiffKind.Insert));
            Assert.All(segments.Zip(segments.Skip(1)), pair => Assert.NotEqual(pair.First.Kind, pair.Second.Kind));
        }
    }

    [Theory]
    [InlineData(DiffGranularity.Word)]
    [InlineData(DiffGranularity.Character)]
    public void TwoUnrelatedMaximumBodies_RoundTrip(DiffGranularity granularity)
    {
        var random = new Random(7);
        var from = Fill(random, Translation.BodyMaxLength);
        var to = Fill(random, Translation.BodyMaxLength);
        var segments = TextDiff.Compare(from, to, granularity);

        Assert.Equal(from, Rebuild(segments, DiffKind.Delete));
        Assert.Equal(to, Rebuild(segments, DiffKind.Insert));
    }

    [Fact]
    public void OneEditInAMaximumSingleLineBody_StaysFine()
    {
        var body = new string('中', Translation.BodyMaxLength / 2) + new string('文', Translation.BodyMaxLength / 2);
        var edited = body.Insert(Translation.BodyMaxLength / 2, "新");
        var segments = TextDiff.Compare(body, edited, DiffGranularity.Character);

        Assert.Equal([DiffKind.Equal, DiffKind.Insert, DiffKind.Equal], segments.Select(s => s.Kind));
        Assert.Equal("新", segments[1].Text);
    }

    public static string Rebuild(IEnumerable<DiffSegment> segments, DiffKind side) =>
        string.Concat(segments.Where(s => s.Kind == DiffKind.Equal || s.Kind == side).Select(s => s.Text));

    private static string RandomText(Random random, int pieces)
    {
        var text = new StringBuilder();
        for (var i = 0; i < pieces; i++)
        {
            text.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return text.ToString();
    }

    /// <summary>Inserts, deletes or replaces runs at code-point boundaries, so an edit may also take an accent from its letter.</summary>
    private static string Edit(Random random, string text, int edits)
    {
        for (var i = 0; i < edits; i++)
        {
            var runes = text.EnumerateRunes().ToList();
            var at = random.Next(runes.Count + 1);
            var removed = random.Next(3) == 0 ? 0 : random.Next(Math.Min(8, runes.Count - at) + 1);
            var inserted = random.Next(3) == 1 ? "" : RandomText(random, random.Next(1, 4));
            runes.RemoveRange(at, removed);
            text = string.Concat(runes.Take(at).Select(r => r.ToString())) + inserted + string.Concat(runes.Skip(at).Select(r => r.ToString()));
        }

        return text;
    }

    /// <summary>Paragraphs of random pieces up to <paramref name="length"/> UTF-16 units.</summary>
    private static string Fill(Random random, int length)
    {
        var text = new StringBuilder();
        while (text.Length < length - 10)
        {
            text.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return text.ToString();
    }
}
