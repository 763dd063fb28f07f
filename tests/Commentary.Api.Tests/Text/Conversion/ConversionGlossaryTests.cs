using Commentary.Text;

namespace Commentary.Api.Tests.Text.Conversion;

/// <summary>The glossary pass: terms kept or mapped before the dictionaries see them.</summary>
public sealed class ConversionGlossaryTests
{
    private static ConversionGlossary Glossary(params (string Term, string Output)[] terms) =>
        new(terms.Select(t => new KeyValuePair<string, string>(t.Term, t.Output)));

    [Fact]
    public void KeptTerm_IsWrittenAsGiven_AndTheRestConverts()
    {
        // Without the glossary the surname 干 becomes 幹 (as in 幹部).
        Assert.Equal("幹露露說", ChineseConverter.Convert("干露露说", ConversionConfig.S2TW));
        Assert.Equal("干露露說", ChineseConverter.Convert("干露露说", ConversionConfig.S2TW, Glossary(("干露露", "干露露"))));
    }

    [Fact]
    public void MappedTerm_WinsOverTheDictionaries()
    {
        // House style 台灣 where the dictionaries write 臺灣; the longer term decides inside 台湾海峡.
        Assert.Equal("臺灣", ChineseConverter.Convert("台湾", ConversionConfig.S2TW));
        var glossary = Glossary(("台湾", "台灣"), ("台湾海峡", "臺灣海峽"));
        Assert.Equal("台灣與臺灣海峽的關係", ChineseConverter.Convert("台湾与台湾海峡的关系", ConversionConfig.S2TW, glossary));
    }

    [Fact]
    public void LongestTermWins_AndTermsAreBoundaries()
    {
        var glossary = Glossary(("中国", "中國"), ("中国人民", "KEPT"));
        Assert.Equal("KEPT銀行和中國", ChineseConverter.Convert("中国人民银行和中国", ConversionConfig.S2T, glossary));
        Assert.True(glossary.Matches("在中国"));
        Assert.False(glossary.Matches("在美国"));
    }

    [Fact]
    public void EmptyGlossary_IsThePlainConversion()
    {
        const string text = "头发和发展，𠀾 and text";
        Assert.Equal(ChineseConverter.Convert(text, ConversionConfig.S2T), ChineseConverter.Convert(text, ConversionConfig.S2T, ConversionGlossary.Empty));
        Assert.Equal("", ChineseConverter.Convert("", ConversionConfig.S2T, Glossary(("中国", "x"))));
    }

    [Theory]
    [InlineData("s2t", true)]
    [InlineData("s2hk", true)]
    [InlineData("tw2sp", false)]
    [InlineData("t2s", false)]
    public void Direction_IsKnownPerConfiguration(string name, bool toTraditional)
    {
        Assert.True(ConversionConfig.TryParse(name, out var config));
        Assert.Equal(toTraditional, config.ToTraditional);
        Assert.Equal(toTraditional, ConversionConfig.PublicationDefault(toTraditional).ToTraditional);
    }
}
