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

    /// <summary>input, configuration, reference (OpenCC's output, or a text OpenCC's output made), where it comes from.</summary>
    public static TheoryData<string, string, string, string> OpenCCOutputs => new()
    {
        { "us_constitution_zhs.txt", "s2t", "us_constitution_zhs.s2t.txt", "upstream OpenCC, same dictionaries (golden)" },
        { "sample-article.zh-Hans.md", "s2tw", "sample-article.zh-Hant.md", "the publication's 繁體 sample, made with s2tw" },
        { "sample-article.zh-Hant.md", "tw2s", "sample-article.zh-Hans.md", "the publication's 简体 sample, the way back" },
    };

    public static TheoryData<string, string> DebianReferences
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var (input, config) in ReferenceData.DebianCases())
            {
                cases.Add(input, config);
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(OpenCCOutputs))]
    public void AgreesWithOpenCC(string input, string configName, string reference, string origin)
    {
        var (agreement, distance, length) = Measure(input, configName, reference, origin, ReferenceData.Converter(configName));
        Assert.True(agreement >= Required, $"{Message(input, configName, agreement, distance, length)}; required {Required:P1}");
    }

    [Fact]
    public void SampleTranslation_IsReproducedExactly()
    {
        var converted = ChineseConverter.Convert(ReferenceData.Read("sample-article.zh-Hans.md"), ConversionConfig.PublicationToTraditional);
        Assert.Equal(ReferenceData.Read("sample-article.zh-Hant.md"), converted);
    }

    /// <summary>
    /// The generator writes its 简体 and 繁體 from a hand-made word list, not with OpenCC, so this compares OpenCC's
    /// judgement with the list's (对冲突 segments as 对冲 "hedge" + 突; 伙伴 stays 伙伴 in the 2026 data): printed, no
    /// threshold. OpenCC's own output for the same text is the Debian reference below.
    /// </summary>
    [Theory]
    [InlineData("generator-sample.zh-Hans.md", "s2tw", "generator-sample.zh-Hant.md")]
    [InlineData("generator-sample.zh-Hant.md", "tw2s", "generator-sample.zh-Hans.md")]
    public void GeneratorsOwnParallelText_IsMeasured(string input, string configName, string reference)
    {
        var (agreement, _, _) = Measure(input, configName, reference, "the data generator's word list", ReferenceData.Converter(configName));
        Assert.InRange(agreement, 0.99, 1);
    }

    /// <summary>
    /// Against Debian's opencc 1.1.6, whose dictionaries are older: the figure with the bundled dictionaries is printed,
    /// and what separates dictionary versions from the algorithm is asserted. With the entries that differ between
    /// Debian's data and the bundled data swapped in (debian-opencc-1.1.6/entries.tsv) and no regional phrase union
    /// (1.1.6 had none), the output must equal Debian's exactly, so every difference counted is a dictionary one.
    /// </summary>
    [Theory]
    [MemberData(nameof(DebianReferences))]
    public void AgreesWithDebianOpenCC_DifferingOnlyByDictionaryVersion(string input, string configName)
    {
        var reference = ReferenceData.DebianReference(input, configName);
        var (agreement, distance, length) = Measure(input, configName, reference, "Debian opencc 1.1.6, bundled dictionaries", ReferenceData.Converter(configName));
        var (_, algorithmic, _) = Measure(input, configName, reference, "Debian opencc 1.1.6, with Debian's entries", ReferenceData.DebianConverter(configName));
        Assert.True(algorithmic == 0,
            $"{Message(input, configName, agreement, distance, length)}; {algorithmic} edits remain with Debian's entries (algorithm)");
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
        $"{configName} of {input}: {agreement:P3} characters equal ({distance} edits over {length:N0} characters)";
}
