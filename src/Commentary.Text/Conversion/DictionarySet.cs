using System.Collections.Concurrent;
using System.Text;

namespace Commentary.Text;

/// <summary>
/// OpenCC's dictionaries by name, each built on first use (thread-safe, once) from its text file, including the ones
/// OpenCC's build derives: <c>TWVariantsRev</c> and <c>HKVariantsRev</c> by reversing, and, when
/// <see cref="UnionRegionalPhrases"/> is on, <c>STPhrases</c> extended the way upstream builds
/// <c>STPhrases_WithGeneratedFromRegionalPhrases</c> (see <see cref="RegionalPhrases"/>).
/// </summary>
internal sealed class DictionarySet(Func<string, TextReader?> open, bool unionRegionalPhrases)
{
    /// <summary>The dictionaries shipped in this assembly (OpenCC's data, see OpenCC/LICENSE).</summary>
    public static DictionarySet Embedded { get; } = new(OpenEmbedded, unionRegionalPhrases: true);

    /// <summary>Regional phrase files whose keys upstream projects into STPhrases (upstream also uses HKPhrases, not bundled).</summary>
    public static readonly string[] RegionalPhraseFiles = ["TWPhrases"];

    private static readonly Dictionary<string, string> ReversedFrom = new(StringComparer.Ordinal)
    {
        ["TWVariantsRev"] = "TWVariants",
        ["HKVariantsRev"] = "HKVariants",
    };

    private readonly ConcurrentDictionary<string, Lazy<PhraseDictionary>> _dictionaries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ConversionConfig, Lazy<ConversionPipeline>> _pipelines = new();

    public bool UnionRegionalPhrases { get; } = unionRegionalPhrases;

    public PhraseDictionary Get(string name) =>
        _dictionaries.GetOrAdd(name, n => new Lazy<PhraseDictionary>(() => Build(n), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    public ConversionPipeline Pipeline(ConversionConfig config) =>
        _pipelines.GetOrAdd(config, c => new Lazy<ConversionPipeline>(() => new ConversionPipeline(this, c), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    public static TextReader? OpenEmbedded(string name) =>
        typeof(DictionarySet).Assembly.GetManifestResourceStream($"OpenCC.{name}.txt") is { } stream
            ? new StreamReader(stream, Encoding.UTF8)
            : null;

    private PhraseDictionary Build(string name)
    {
        if (name == "STPhrases" && UnionRegionalPhrases)
        {
            var phrases = Read("STPhrases").ToList();
            var keys = phrases.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            return new PhraseDictionary(phrases.Concat(RegionalPhrases(keys)));
        }

        if (ReversedFrom.TryGetValue(name, out var source))
        {
            using var reader = Open(source);
            return new PhraseDictionary(PhraseDictionary.Reverse(reader).ToList());
        }

        return new PhraseDictionary(Read(name));
    }

    /// <summary>
    /// Upstream's data/scripts/generate_st_phrases_from_regional_phrases.py: each regional phrase key (Traditional) is
    /// converted with t2s; a Simplified form of three or more characters that STPhrases lacks becomes an STPhrases
    /// entry mapping back to the Traditional key, so that segmentation keeps the span whole for the regional stage.
    /// Keys outside the BMP are left out, as upstream does.
    /// </summary>
    private IEnumerable<KeyValuePair<string, string>> RegionalPhrases(HashSet<string> existing)
    {
        var toSimplified = new ConversionPipeline(this, ConversionConfig.T2S);
        var generated = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in RegionalPhraseFiles)
        {
            foreach (var (traditional, _) in Read(file))
            {
                var simplified = toSimplified.Convert(traditional);
                if (simplified.EnumerateRunes().Count() >= 3)
                {
                    generated.TryAdd(simplified, traditional);
                }
            }
        }

        return generated
            .Where(g => !existing.Contains(g.Key) && !g.Key.Any(char.IsSurrogate))
            .OrderBy(g => g.Key, StringComparer.Ordinal);
    }

    private List<KeyValuePair<string, string>> Read(string name)
    {
        using var reader = Open(name);
        return PhraseDictionary.Parse(reader).ToList();
    }

    private TextReader Open(string name) =>
        open(name) ?? throw new InvalidOperationException($"OpenCC dictionary {name} is missing.");
}
