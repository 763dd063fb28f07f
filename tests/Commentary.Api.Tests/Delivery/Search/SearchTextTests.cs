using Commentary.Text;

namespace Commentary.Api.Tests.Delivery.Search;

/// <summary>Pure unit tests of the text project (no app, no database).</summary>
public sealed class SearchTextTests
{
    [Theory]
    [InlineData("新聞", "新闻")]
    [InlineData("軍事合作", "军事合作")]
    [InlineData("國防 and defense", "国防 and defense")]
    [InlineData("简体不变", "简体不变")]
    [InlineData("𠀀😀", "𠀀😀")]
    public void FoldToSimplified_MapsTraditionalCharacters(string input, string expected)
    {
        Assert.Equal(expected, ChineseScript.FoldToSimplified(input));
        Assert.Equal(input.Length, ChineseScript.FoldToSimplified(input).Length);
    }

    [Fact]
    public void Document_IsBoundedAtATokenBoundary_AndKeepsItsStart()
    {
        var body = string.Concat(Enumerable.Range(0, 200_000).Select(i => (char)(0x4E00 + (i * 7919 % 20_000))));

        var indexed = SearchText.ForDocument("標題", "摘要", body);

        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(indexed), SearchText.MaxIndexedBytes - 16, SearchText.MaxIndexedBytes);
        var fields = indexed.Split(SearchText.FieldSeparator);
        Assert.Equal(3, fields.Length);
        Assert.Contains("标题", fields[0], StringComparison.Ordinal);
        var whole = SearchText.Prepare(body, index: true);
        Assert.StartsWith(fields[2], whole, StringComparison.Ordinal);
        Assert.Equal(' ', whole[fields[2].Length]); // cut at a token boundary
        Assert.Equal(SearchText.ForDocument("a", "b", "short body"), SearchText.Prepare("a", true) + SearchText.FieldSeparator + SearchText.Prepare("b", true) + SearchText.FieldSeparator + SearchText.Prepare("short body", true));
    }

    [Fact]
    public void Dictionary_IsLoaded()
    {
        Assert.True(ChineseScript.EntryCount > 3_000);
    }

    [Fact]
    public void Query_HanRunsBecomeBigrams()
    {
        Assert.Equal(["中俄", "俄军", "军事"], Tokens(SearchText.ForQuery("中俄軍事")));
        Assert.Equal(["中"], Tokens(SearchText.ForQuery("中")));
        Assert.Equal(["Sino-", "中俄", "exercises"], Tokens(SearchText.ForQuery("Sino-中俄 exercises")));
    }

    private static string[] Tokens(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Document_HasBigramsAndUnigramsAndThreeFields()
    {
        var document = SearchText.ForDocument("中俄", null, "body\u001etext");

        var fields = document.Split(SearchText.FieldSeparator);
        Assert.Equal(3, fields.Length);
        Assert.Contains("中俄", fields[0], StringComparison.Ordinal);
        Assert.Contains("中 俄", fields[0], StringComparison.Ordinal);
        Assert.Equal("body text", fields[2]);
    }

    [Fact]
    public void Snippet_EscapesAndMarks()
    {
        var snippet = Highlighter.Snippet("A <b>bold</b> plan: joint exercises & drills. 中俄軍事合作", "exercise 军事");

        Assert.Equal("A &lt;b&gt;bold&lt;/b&gt; plan: joint <mark>exercises</mark> &amp; drills. 中俄<mark>軍事</mark>合作", snippet);
    }

    [Fact]
    public void Snippet_WindowsAroundTheFirstMatch()
    {
        var text = new string('x', 500) + " target " + new string('y', 500);

        var snippet = Highlighter.Snippet(text, "target", maxLength: 100);

        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        Assert.Contains("<mark>target</mark>", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Snippet_MarksEveryMatchInTheWindowButNoWordCutAtItsEdge()
    {
        // Only the window is matched: the words around it, including one cut by the window's end, must behave as before.
        var text = string.Concat(Enumerable.Repeat("filler ", 300)) + "Drills and drilling, 演習 drills " + new string('z', 40) + " drillsdrills";

        var snippet = Highlighter.Snippet(text, "drill 演习", maxLength: 80);

        Assert.Contains("<mark>Drills</mark> and <mark>drilling</mark>, <mark>演習</mark> <mark>drills</mark>", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<mark>drillsdrills", snippet, StringComparison.Ordinal);
        Assert.Equal(-1, Highlighter.FirstMatch(text, "absent"));
        Assert.Equal(text.IndexOf("Drills", StringComparison.Ordinal), Highlighter.FirstMatch(text, "drill"));
    }
}
