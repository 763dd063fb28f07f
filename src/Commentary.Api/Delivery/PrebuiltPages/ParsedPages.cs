using Commentary.Api.Delivery.ReadModel;
using Microsoft.Extensions.Caching.Memory;

namespace Commentary.Api.Delivery.PrebuiltPages;

/// <summary>
/// Prebuilt pages already parsed back into <see cref="PublicArticle"/>, by article and language, with the ETag of the
/// bytes they were parsed from: a feed (50 pages) asks the database only for pages whose ETag changed, instead of
/// reading and parsing 600 KB per request. The ETag is the hash of the stored bytes, so an entry is exactly the page it
/// names; the bound keeps a few feeds' worth (a few MB).
/// </summary>
public sealed class ParsedPages : IDisposable
{
    private const int MaxPages = 400;

    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = MaxPages });

    public bool TryGet(Guid articleId, string language, out string eTag, out PublicArticle page)
    {
        if (_pages.TryGetValue((articleId, language), out (string ETag, PublicArticle Page) entry))
        {
            (eTag, page) = entry;
            return true;
        }

        (eTag, page) = ("", null!);
        return false;
    }

    public void Keep(Guid articleId, string language, string eTag, PublicArticle page) =>
        _pages.Set((articleId, language), (eTag, page), new MemoryCacheEntryOptions { Size = 1 });

    public void Dispose() => _pages.Dispose();
}
