using Commentary.Api.Content.Conversion;

namespace Commentary.Api.Tests.Content.Conversion;

/// <summary>Only text nodes are converted; every other character of the Markdown is copied as it is.</summary>
public sealed class MarkdownConversionTests
{
    // Marks what was converted: each converted run is wrapped, so the test sees the runs as well as the copy.
    private static string Mark(string markdown) => MarkdownConversion.Convert(markdown, run => $"«{run}»");

    [Theory]
    [InlineData("汉字", "«汉字»")]
    [InlineData("# 标题\n\n正文", "# «标题»\n\n«正文»")]
    [InlineData("前**粗体**后", "«前»**«粗体»**«后»")]
    [InlineData("[链接](https://例子.org/汉 \"标题\")", "[«链接»](https://例子.org/汉 \"标题\")")]
    [InlineData("![图片](a.png)", "![«图片»](a.png)")]
    [InlineData("代码 `汉字` 完", "«代码 »`汉字`« 完»")]
    [InlineData("```\n汉字\n```", "```\n汉字\n```")]
    [InlineData("    缩进代码", "    缩进代码")]
    [InlineData("a<span title=\"汉\">字</span>b", "«a»<span title=\"汉\">«字»</span>«b»")]
    [InlineData("<div>\n汉字\n</div>", "<div>\n汉字\n</div>")]
    [InlineData("甲&amp;乙", "«甲»&amp;«乙»")]
    [InlineData("见 https://example.org/汉 吧", "«见 »https://example.org/汉« 吧»")]
    [InlineData("[标签]\n\n[标签]: https://example.org", "[标签]\n\n[标签]: https://example.org")]
    [InlineData("[正文][标签]\n\n[标签]: https://example.org", "[«正文»][标签]\n\n[标签]: https://example.org")]
    [InlineData("> 引用\n> 第二行", "> «引用»\n> «第二行»")]
    [InlineData("- 一\n- 二", "- «一»\n- «二»")]
    [InlineData("| 甲 | 乙 |\n|---|---|\n| 丙 | 丁 |", "|« 甲 »|« 乙 »|\n|---|---|\n|« 丙 »|« 丁 »|")]
    [InlineData("注[^1]\n\n[^1]: 说明", "«注»[^1]\n\n[^1]: «说明»")]
    public void ConvertsTextNodesOnly(string markdown, string expected)
    {
        Assert.Equal(expected, Mark(markdown));
    }

    [Fact]
    public void AdjacentTextNodes_AreOneRun()
    {
        // Markdig splits the text at the unmatched '*': a phrase across it is still converted as a phrase.
        Assert.Equal("«头*发»", Mark("头*发"));
    }

    [Fact]
    public void Identity_GivesTheSameDocument()
    {
        const string markdown = "# 标题\n\n正文 **粗** _斜_ [链](u) `码`\n\n```cs\nx\n```\n\n<b>汉</b> &copy;\n\n1. 一\n2. 二\n";
        Assert.Equal(markdown, MarkdownConversion.Convert(markdown, s => s));
    }
}
