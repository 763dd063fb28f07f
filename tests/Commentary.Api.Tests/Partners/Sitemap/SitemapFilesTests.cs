using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Partners.Sitemap;
using Commentary.Api.Platform;

namespace Commentary.Api.Tests.Partners.Sitemap;

public sealed class SitemapFilesTests
{
    /// <summary>
    /// 100,000 URLs in two files of 50,000 (the protocol's maximum): linear work is a fraction of a second; matching every
    /// translation against every entry of its page (the defect) is 10^10 comparisons, minutes of CPU.
    /// </summary>
    [Fact]
    public async Task HundredThousandUrls_AreBuiltInLinearTime()
    {
        string[] languages = ["en", "zh-Hans", "zh-Hant"];
        var all = Enumerable.Range(0, 100_000)
            .Select(i => new PublishedTranslationRef
            {
                ArticleId = new Guid(i / 3, 0, 0, new byte[8]),
                Slug = $"article-{i / 3}",
                OriginalLanguage = "en",
                Language = languages[i % 3],
                PublishedAt = DateTimeOffset.UnixEpoch.AddMinutes(i),
                UpdatedAt = DateTimeOffset.UnixEpoch.AddMinutes(i),
            })
            .ToList();

        var build = Task.Run(() => SitemapFiles.Build(all, 50_000, new SiteOptions(), "https://api.example.org"));
        var files = await build.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, files.Count);
    }
}
