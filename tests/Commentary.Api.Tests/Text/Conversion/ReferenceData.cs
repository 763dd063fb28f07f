using System.Text;
using Commentary.Text;

namespace Commentary.Api.Tests.Text.Conversion;

/// <summary>The texts and reference outputs under Text/Conversion/Data (see its README for how each was made).</summary>
public static class ReferenceData
{
    public const string DebianFolder = "debian-opencc-1.1.6";

    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Text", "Conversion", "Data");

    private static readonly Lazy<DictionarySet> DebianDictionaries = new(() => new DictionarySet(OpenWithDebianEntries, unionRegionalPhrases: false));

    public static string Read(string name) => File.ReadAllText(Path.Combine(Root, name), Encoding.UTF8);

    public static string DebianReference(string input, string configName) =>
        Path.Combine(DebianFolder, $"{Path.GetFileNameWithoutExtension(input)}.{configName}.txt");

    /// <summary>Every (input, configuration) pair that has a Debian reference output.</summary>
    public static IEnumerable<(string Input, string Config)> DebianCases()
    {
        string[] simplified = ["us_constitution_zhs.txt", "sample-article.zh-Hans.md", "generator-sample.zh-Hans.md"];
        string[] traditional = ["us_constitution_zhs.s2t.txt", "sample-article.zh-Hant.md", "generator-sample.zh-Hant.md"];
        return simplified.SelectMany(_ => new[] { "s2t", "s2tw", "s2twp", "s2hk" }, (input, config) => (input, config))
            .Concat(traditional.SelectMany(_ => new[] { "t2s", "tw2s", "tw2sp", "hk2s" }, (input, config) => (input, config)));
    }

    public static Func<string, string> Converter(string configName) =>
        text => ChineseConverter.Convert(text, Config(configName));

    public static Func<string, string> DebianConverter(string configName) =>
        text => DebianDictionaries.Value.Pipeline(Config(configName)).Convert(text);

    private static ConversionConfig Config(string name) =>
        ConversionConfig.TryParse(name, out var config) ? config : throw new ArgumentException($"Unknown configuration {name}.");

    /// <summary>
    /// A bundled dictionary with entries.tsv applied: lines <c>dictionary TAB key TAB values</c> set Debian's candidates,
    /// an empty value removes a key Debian does not have.
    /// </summary>
    private static TextReader? OpenWithDebianEntries(string name)
    {
        using var bundled = DictionarySet.OpenEmbedded(name);
        if (bundled is null)
        {
            return null;
        }

        // Whole value lists, not first values: reversing (TWVariantsRev) reads every candidate.
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        while (bundled.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#' && line.Split('\t') is [var key, var values] && entries.TryAdd(key, values))
            {
                order.Add(key);
            }
        }

        foreach (var line in File.ReadLines(Path.Combine(Root, DebianFolder, "entries.tsv")).Where(l => l.StartsWith(name + "\t", StringComparison.Ordinal)))
        {
            var fields = line.Split('\t');
            if (fields[2].Length == 0)
            {
                entries.Remove(fields[1]);
            }
            else if (!entries.TryAdd(fields[1], fields[2]))
            {
                entries[fields[1]] = fields[2];
            }
            else
            {
                order.Add(fields[1]);
            }
        }

        return new StringReader(string.Concat(order.Where(entries.ContainsKey).Select(key => $"{key}\t{entries[key]}\n")));
    }
}
