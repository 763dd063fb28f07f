using Commentary.Text;

namespace Commentary.Api.Tests.Text.Conversion;

/// <summary>Pure unit tests of the converter (no app, no database).</summary>
public sealed class ChineseConverterTests
{
    [Theory]
    [InlineData("s2t", "汉字转换", "漢字轉換")]
    [InlineData("s2tw", "我们认为", "我們認為")]
    [InlineData("s2t", "我们认为", "我們認爲")]
    [InlineData("s2twp", "软件和鼠标", "軟體和滑鼠")]
    [InlineData("s2hk", "为了", "為了")]
    [InlineData("t2s", "漢字轉換", "汉字转换")]
    [InlineData("tw2s", "我們認為", "我们认为")]
    [InlineData("tw2sp", "軟體和滑鼠", "软件和鼠标")]
    [InlineData("hk2s", "為了", "为了")]
    public void Converts_WithEachConfiguration(string configName, string input, string expected)
    {
        Assert.True(ConversionConfig.TryParse(configName, out var config));
        Assert.Equal(expected, ChineseConverter.Convert(input, config));
    }

    [Fact]
    public void Phrases_WinOverCharacters()
    {
        // 头发 is one phrase (頭髮, hair); 发 alone is 發 (to send).
        Assert.Equal("頭髮和發展", ChineseConverter.Convert("头发和发展", ConversionConfig.S2T));
    }

    [Theory]
    [InlineData("𠀾", "𠁞")]
    [InlineData("𠆲", "儣")]
    [InlineData("㓆", "𠗣")]
    [InlineData("a𠀀b😀汉", "a𠀀b😀漢")]
    public void SurrogatePairs_AreConvertedWholeOrKept(string input, string expected)
    {
        Assert.Equal(expected, ChineseConverter.Convert(input, ConversionConfig.S2T));
    }

    [Fact]
    public void LoneSurrogatesAndNonChineseText_PassThrough()
    {
        const string text = "Markdown **bold** [link](https://example.org/汉) \uD840 end\n";
        Assert.Equal(text.Replace("汉", "漢", StringComparison.Ordinal), ChineseConverter.Convert(text, ConversionConfig.S2TW));
        Assert.Equal("", ChineseConverter.Convert("", ConversionConfig.S2TW));
    }

    [Theory]
    [InlineData("s2tw")]
    [InlineData("S2TW.json")]
    [InlineData(" s2tw ")]
    public void Configurations_AreFoundByOpenCCName(string name)
    {
        Assert.True(ConversionConfig.TryParse(name, out var config));
        Assert.Same(ConversionConfig.S2TW, config);
        Assert.False(ConversionConfig.TryParse("s2x", out _));
        Assert.Equal(8, ConversionConfig.All.Count);
        Assert.Same(ConversionConfig.PublicationToTraditional, ConversionConfig.S2TW);
        Assert.Same(ConversionConfig.PublicationToSimplified, ConversionConfig.TW2S);
    }

    [Fact]
    public void RegionalPhrases_AreUnionedIntoSTPhrases()
    {
        // TWPhrases has 新罕布什爾 → 新罕布夏; its Simplified projection keeps the span whole for the Taiwan stage.
        var phrases = DictionarySet.Embedded.Get("STPhrases");
        Assert.True(phrases.ContainsKey("新罕布什尔"));
        Assert.False(new DictionarySet(DictionarySet.OpenEmbedded, unionRegionalPhrases: false).Get("STPhrases").ContainsKey("新罕布什尔"));
        Assert.Equal("新罕布夏州", ChineseConverter.Convert("新罕布什尔州", ConversionConfig.S2TWP));
    }

    [Fact]
    public void ReversedVariants_FollowOpenCCsReverseScript()
    {
        // TWVariants has 爲 → 為, so TWVariantsRev maps 為 back to 爲 (tw2s then turns 爲 into 为).
        Assert.Equal(1, DictionarySet.Embedded.Get("TWVariantsRev").MatchPrefix("為", out var value));
        Assert.Equal("爲", value);
    }

    [Fact]
    public void SearchFolding_UsesTheConvertersTSCharacters()
    {
        var loaded = DictionarySet.Embedded.Get("TSCharacters");
        Assert.Equal(loaded.Entries.Count(e => e.Key != e.Value), ChineseScript.EntryCount);
        Assert.Same(loaded, DictionarySet.Embedded.Get("TSCharacters"));
    }

    [Fact]
    public void ConcurrentFirstUse_GivesOneResult()
    {
        var set = new DictionarySet(DictionarySet.OpenEmbedded, unionRegionalPhrases: true);
        var results = Enumerable.Range(0, 8).AsParallel().Select(_ => set.Pipeline(ConversionConfig.S2TW).Convert("中俄军事合作的发展")).Distinct().ToList();
        Assert.Equal(["中俄軍事合作的發展"], results);
    }
}
