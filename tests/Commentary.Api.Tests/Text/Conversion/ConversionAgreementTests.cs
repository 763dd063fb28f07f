using Commentary.Text;
using Xunit.Abstractions;

namespace Commentary.Api.Tests.Text.Conversion;

/// <summary>
/// Issue 13's agreement figures: the converter against OpenCC's own output on all the real text we have. The figure
/// is printed (test output) and carried in every assertion message, so a run shows it whether it passes or not.
/// </summary>
public sealed class ConversionAgreementTests(ITestOutputHelper output)
{
    private const double Required = 0.999;

    /// <summary>input, configuration, reference, where the reference comes from.</summary>
    public static TheoryData<string, string, string, string> UpstreamAndOwnText => new()
    {
        { "us_constitution_zhs.txt", "s2t", "us_constitution_zhs.s2t.txt", "upstream OpenCC, same dictionaries (golden)" },
        { "sample-article.zh-Hans.md", "s2tw", "sample-article.zh-Hant.md", "the publication's 繁體 sample" },
        { "sample-article.zh-Hant.md", "tw2s", "sample-article.zh-Hans.md", "the publication's 简体 sample" },
        { "generator-sample.zh-Hans.md", "s2tw", "generator-sample.zh-Hant.md", "the data generator's own 繁體" },
        { "generator-sample.zh-Hant.md", "tw2s", "generator-sample.zh-Hans.md", "the data generator's own 简体" },
    };

    public static TheoryData<string, string> DebianReferences => new(ReferenceData.DebianCases());

    [Theory]
    [MemberData(nameof(UpstreamAndOwnText))]
    public void AgreesWithReference(string input, string configName, string reference, string origin)
    {
        var (agreement, distance, length) = Measure(input, configName, reference, origin, ReferenceData.Converter(configName));
        Assert.True(agreement >= Required, Message(input, configName, agreement, distance, length));
    }

    [Fact]
    public void SampleTranslation_IsReproducedExactly()
    {
        var converted = ChineseConverter.Convert(ReferenceData.Read("sample-article.zh-Hans.md"), ConversionConfig.PublicationToTraditional);
        Assert.Equal(ReferenceData.Read("sample-article.zh-Hant.md"), converted);
    }

    [Theory]
    [MemberData(nameof(DebianReferences))]
    public void AgreesWithDebianOpenCC(string input, string configName)
    {
        var reference = ReferenceData.DebianReference(input, configName);
        var (agreement, distance, length) = Measure(input, configName, reference, "Debian opencc 1.1.6 (older dictionaries)", ReferenceData.Converter(configName));
        Assert.True(agreement >= Required, Message(input, configName, agreement, distance, length));
    }

    /// <summary>
    /// Separates dictionary versions from the algorithm: with the entries that differ between Debian's 1.1.6 data and
    /// the bundled data swapped in (debian-opencc-1.1.6/entries.tsv) and no regional phrase union (1.1.6 had none),
    /// the output must equal Debian's byte for byte. So every difference counted above is a dictionary difference.
    /// </summary>
    [Theory]
    [MemberData(nameof(DebianReferences))]
    public void WithDebiansEntries_ReproducesDebianExactly(string input, string configName)
    {
        var reference = ReferenceData.DebianReference(input, configName);
        var (agreement, distance, length) = Measure(input, configName, reference, "Debian opencc 1.1.6, with its entries", ReferenceData.DebianConverter(configName));
        Assert.True(distance == 0, Message(input, configName, agreement, distance, length));
    }

    private (double Agreement, int Distance, int Length) Measure(string input, string configName, string reference, string origin, Func<string, string> convert)
    {
        var source = ReferenceData.Read(input);
        var expected = ReferenceData.Read(reference);
        var converted = convert(source);
        var agreement = Agreement.Of(converted, expected, out var distance);
        var length = Agreement.CodePoints(expected).Length;
        output.WriteLine($"{Message(input, configName, agreement, distance, length)} against {reference} ({origin})");
        foreach (var difference in Agreement.Differences(source, converted, expected))
        {
            output.WriteLine("  " + difference);
        }

        return (agreement, distance, length);
    }

    private static string Message(string input, string configName, double agreement, int distance, int length) =>
        $"{configName} of {input}: {agreement:P3} characters equal ({distance} edits over {length:N0} characters; required {Required:P1})";
}
