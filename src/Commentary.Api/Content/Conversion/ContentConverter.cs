using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Commentary.Text;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Content.Conversion;

/// <summary>The text of one translation: title and summary are plain text, the body Markdown.</summary>
public sealed record ConvertibleText(string Title, string? Summary, string Body);

/// <summary>
/// 简体 ⇄ 繁體 conversion of content with the publication's glossary, for editors (a converted draft) and readers (a
/// converted fallback) alike. Scoped: the glossary of a configuration is read once per request, on first use.
/// </summary>
public sealed class ContentConverter(CommentaryDbContext db)
{
    private readonly Dictionary<string, ConversionGlossary> _glossaries = new(StringComparer.Ordinal);

    /// <summary>The script a language converts to (zh-Hans ⇄ zh-Hant), or null for a language conversion cannot make.</summary>
    public static string? CounterpartOf(string language) => language switch
    {
        Language.Simplified => Language.Traditional,
        Language.Traditional => Language.Simplified,
        _ => null,
    };

    /// <summary>The language a configuration converts from.</summary>
    public static string SourceOf(ConversionConfig config) => config.ToTraditional ? Language.Simplified : Language.Traditional;

    /// <summary>The publication's configuration from <paramref name="from"/> (a Chinese script) to its counterpart.</summary>
    public static ConversionConfig DefaultFrom(string from) => ConversionConfig.PublicationDefault(toTraditional: from == Language.Simplified);

    public async Task<ConvertibleText> ConvertAsync(ConvertibleText text, ConversionConfig config, CancellationToken cancellationToken)
    {
        var glossary = await GlossaryAsync(config, cancellationToken);
        return new ConvertibleText(
            ChineseConverter.Convert(text.Title, config, glossary),
            text.Summary is null ? null : ChineseConverter.Convert(text.Summary, config, glossary),
            MarkdownConversion.Convert(text.Body, run => ChineseConverter.Convert(run, config, glossary)));
    }

    public async Task<string> ConvertPlainAsync(string text, ConversionConfig config, CancellationToken cancellationToken) =>
        ChineseConverter.Convert(text, config, await GlossaryAsync(config, cancellationToken));

    /// <summary>The glossary terms of <paramref name="config"/>: its own entries first, so they win over the direction's.</summary>
    public async Task<ConversionGlossary> GlossaryAsync(ConversionConfig config, CancellationToken cancellationToken)
    {
        if (_glossaries.TryGetValue(config.Name, out var glossary))
        {
            return glossary;
        }

        var source = SourceOf(config);
        var terms = await db.Set<GlossaryTerm>().AsNoTracking()
            .Where(t => t.SourceLanguage == source && (t.Config == GlossaryTerm.EveryConfig || t.Config == config.Name))
            .OrderBy(t => t.Config == GlossaryTerm.EveryConfig).ThenBy(t => t.Term)
            .Select(t => new { t.Term, t.Replacement })
            .ToListAsync(cancellationToken);
        glossary = new ConversionGlossary(terms.Select(t => new KeyValuePair<string, string>(t.Term, t.Replacement ?? t.Term)));
        _glossaries[config.Name] = glossary;
        return glossary;
    }

    /// <summary>
    /// Converts with a glossary this scope has already read (<see cref="GlossaryAsync"/>), for callers that build a
    /// response synchronously.
    /// </summary>
    public string ConvertLoaded(string text, ConversionConfig config) =>
        ChineseConverter.Convert(text, config, _glossaries.TryGetValue(config.Name, out var glossary)
            ? glossary
            : throw new InvalidOperationException($"The glossary of {config.Name} was not read before converting."));

    /// <summary>As <see cref="ConvertLoaded"/>, for Markdown (text nodes only).</summary>
    public string ConvertMarkdownLoaded(string markdown, ConversionConfig config) =>
        MarkdownConversion.Convert(markdown, run => ConvertLoaded(run, config));

    /// <summary>After a glossary change in this scope, the next conversion reads the glossary again.</summary>
    public void ForgetGlossary() => _glossaries.Clear();
}
