using Commentary.Api.Content;
using Commentary.Api.Content.Conversion;
using Commentary.Api.Platform.Languages;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Delivery.ReadModel;

/// <summary>
/// The converted fallback: where the chain of the language asked for reaches the other Chinese script first, that
/// script's published text is served converted (OpenCC with the glossary), flagged <c>converted</c>. Only published
/// snapshots are read, as everywhere here, so a draft never reaches a converted page either.
/// </summary>
public sealed partial class PublicArticleReader
{
    /// <summary>
    /// Reads the glossaries a conversion may need before responses are built (synchronously): only when some article
    /// has one Chinese script published and not the other, so every other read costs nothing more.
    /// </summary>
    private async Task PrepareConversionAsync(IEnumerable<IReadOnlyCollection<string>> publishedLanguages, CancellationToken cancellationToken)
    {
        if (!negotiator.ConvertsFallback
            || !publishedLanguages.Any(l => l.Contains(Language.Simplified) != l.Contains(Language.Traditional)))
        {
            return;
        }

        await converter.GlossaryAsync(ContentConverter.DefaultFrom(Language.Simplified), cancellationToken);
        await converter.GlossaryAsync(ContentConverter.DefaultFrom(Language.Traditional), cancellationToken);
    }

    /// <summary>The published Markdown of the translations a page serves converted: the stored HTML cannot be converted as text.</summary>
    private async Task<Dictionary<(Guid, string), string>> ReadMarkdownAsync(IReadOnlyCollection<(Guid Id, string Language)> wanted, CancellationToken cancellationToken)
    {
        if (wanted.Count == 0)
        {
            return [];
        }

        var ids = wanted.Select(w => w.Id).Distinct().ToList();
        var rows = await db.Translations.AsNoTracking()
            .Where(t => ids.Contains(t.ArticleId) && t.PublishedRevision != null)
            .Select(t => new { t.ArticleId, t.Language, t.PublishedBody })
            .ToListAsync(cancellationToken);
        return rows.Where(r => wanted.Contains((r.ArticleId, r.Language))).ToDictionary(r => (r.ArticleId, r.Language), r => r.PublishedBody ?? "");
    }

    /// <summary>Text published in the other script, converted into <paramref name="into"/>.</summary>
    private string ConvertInto(string into, string text) => converter.ConvertLoaded(text, ContentConverter.DefaultFrom(ContentConverter.CounterpartOf(into)!));

    /// <summary>
    /// A name or quote on a converted page: in the language asked for where it has one, else converted from the other
    /// script where that has one, else along the chain as on any page.
    /// </summary>
    private string? LocalizeConverted(LocalizedText text, IReadOnlyList<string> chain, string into) =>
        text.Resolve(chain) is not { } resolved ? null
        : resolved.Language == ContentConverter.CounterpartOf(into) ? ConvertInto(into, resolved.Text)
        : resolved.Text;

    private string Localize(LocalizedText text, IReadOnlyList<string> chain, string fallback, string? convertedInto) =>
        convertedInto is null ? Localize(text, chain, fallback) : LocalizeConverted(text, chain, convertedInto) ?? fallback;

    /// <summary>
    /// The alternates of an article: each published language, and each language a reader asking for it would get
    /// converted, with its title converted and flagged.
    /// </summary>
    private List<PublicAlternate> Alternates<T>(List<T> published, Func<T, string> languageOf, Func<T, string> titleOf, string slug, string originalLanguage)
        where T : class
    {
        var alternates = new List<PublicAlternate>();
        foreach (var language in Language.All)
        {
            if (published.Find(t => languageOf(t) == language) is { } translation)
            {
                alternates.Add(new PublicAlternate(language, Language.Label(language), titleOf(translation), site.Value.ArticleUrlFor(language, slug)));
            }
            else if (Serve(published, languageOf, language, originalLanguage) is { Converted: true, Served: var source })
            {
                alternates.Add(new PublicAlternate(
                    language, Language.Label(language), ConvertInto(language, titleOf(source)), site.Value.ArticleUrlFor(language, slug), Converted: true));
            }
        }

        return alternates;
    }
}
