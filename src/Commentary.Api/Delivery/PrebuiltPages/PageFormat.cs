using System.Security.Cryptography;
using System.Text;
using Commentary.Api.Platform;
using Commentary.Api.Platform.Languages;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Delivery.PrebuiltPages;

/// <summary>
/// Names everything outside the database that a rendition's bytes depend on: the response shape (bump
/// <see cref="ShapeVersion"/> whenever <c>PublicArticle</c> or how it is built changes), the frontend URL pattern and the
/// fallback chains. Renditions of another format are never served, and the worker rebuilds them after a deploy.
/// </summary>
public sealed class PageFormat(IOptions<SiteOptions> site, IOptions<LanguageOptions> languages)
{
    public const int ShapeVersion = 2;

    private readonly Lazy<string> _key = new(() => Compute(site.Value, languages.Value));

    public string Key => _key.Value;

    private static string Compute(SiteOptions site, LanguageOptions languages)
    {
        var text = new StringBuilder()
            .Append(ShapeVersion).Append('\n')
            .Append(site.ArticleUrl).Append('\n')
            .Append(languages.ConvertedFallback ? "converted" : "as-published").Append('\n');
        foreach (var (language, fallbacks) in languages.Fallback.OrderBy(f => f.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(language.ToUpperInvariant()).Append('>').AppendJoin(',', fallbacks).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 12));
    }
}
