using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Commentary.Api.Platform.Languages;

public sealed class LanguageOptions
{
    /// <summary>Where to look when a translation is missing, per requested language; the original language always ends the chain.</summary>
    public Dictionary<string, string[]> Fallback { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [Language.Traditional] = [Language.Simplified, Language.English],
        [Language.Simplified] = [Language.Traditional, Language.English],
        [Language.English] = [],
    };

    /// <summary>
    /// When a chain reaches the other Chinese script (zh-Hant asking, zh-Hans published), serve that text converted into
    /// the script asked for rather than as it is; the page is then flagged <c>converted</c>.
    /// </summary>
    public bool ConvertedFallback { get; set; } = true;
}

/// <summary>The outcome of reading <c>lang</c> and <c>Accept-Language</c>: a canonical tag, none (use the original), or an error.</summary>
public readonly record struct LanguageRequest(string? Requested, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>Language negotiation for public endpoints: <c>lang</c> beats <c>Accept-Language</c> (q-values honoured) beats the original.</summary>
public sealed class LanguageNegotiator(IOptions<LanguageOptions> options)
{
    public bool ConvertsFallback => options.Value.ConvertedFallback;

    public LanguageRequest Negotiate(HttpRequest request)
    {
        var lang = request.Query["lang"];
        if (lang.Count > 0)
        {
            return Language.TryNormalize(lang.ToString(), out var tag)
                ? new LanguageRequest(tag, null)
                : new LanguageRequest(null, $"Unsupported language. Supported: {Language.SupportedList}.");
        }

        return new LanguageRequest(FromAcceptLanguage(request.Headers.AcceptLanguage), null);
    }

    /// <summary>Languages to try, best first: the requested one, its configured fallbacks, then the original.</summary>
    public IReadOnlyList<string> Chain(string? requested, string original)
    {
        var chain = new List<string>(4);
        if (requested is not null)
        {
            chain.Add(requested);
            if (options.Value.Fallback.TryGetValue(requested, out var fallbacks))
            {
                foreach (var fallback in fallbacks)
                {
                    if (Language.TryNormalize(fallback, out var tag) && !chain.Contains(tag))
                    {
                        chain.Add(tag);
                    }
                }
            }
        }

        if (!chain.Contains(original))
        {
            chain.Add(original);
        }

        return chain;
    }

    private static string? FromAcceptLanguage(Microsoft.Extensions.Primitives.StringValues header)
    {
        if (header.Count == 0 || !StringWithQualityHeaderValue.TryParseList(header, out var values))
        {
            return null;
        }

        return values
            .Select((value, index) => (Value: value, Index: index))
            .Where(v => (v.Value.Quality ?? 1) > 0 && Language.TryNormalize(v.Value.Value.ToString(), out _))
            .OrderByDescending(v => v.Value.Quality ?? 1)
            .ThenBy(v => v.Index)
            .Select(v => Language.TryNormalize(v.Value.Value.ToString(), out var tag) ? tag : null)
            .FirstOrDefault();
    }
}
