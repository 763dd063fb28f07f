using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Commentary.Api.Tests.Infrastructure;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Delivery.Search;

/// <summary>
/// A body of the maximum length whose words are all different makes a search vector over PostgreSQL's 1 MiB limit;
/// the indexed text is bounded, so the publish succeeds and the start of the body is still found.
/// </summary>
public sealed class OversizedSearchTextTests(ApiFixture fixture) : ApiTest(fixture)
{
    public static TheoryData<string, string> Bodies => new()
    {
        // 200,000 Han characters in random order: ~200,000 distinct bigrams (the issue's case, ~600 KB).
        { "distinct-han", "军事合作" + RandomText(199_996, seed: 1, next: random => (char)random.Next(0x4E00, 0x9FA5)) },
        // Hyphenated Hangul pairs: each compound is indexed whole and as its parts.
        { "hangul-compounds", "军事合作 " + RandomText(199_990, seed: 2, next: random => random.Next(6) == 0 ? (random.Next(2) == 0 ? ' ' : '-') : (char)random.Next(0xAC00, 0xD7A3)) },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task MaximumBodyOfDistinctWords_Publishes_AndItsStartIsFound(string slug, string body)
    {
        // Raw UTF-8 (3 bytes a character): escaped as \uXXXX the body would pass the 1 MiB request limit.
        var json = JsonSerializer.Serialize(new { slug, originalLanguage = "zh-Hans", title = "很长", body }, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var (status, created, _) = await Admin.SendAsync(HttpMethod.Post, ArticlesUrl, json);
        Assert.Equal(HttpStatusCode.Created, status);

        var (published, problem, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{created.GetProperty("id").GetString()}/publish");
        Assert.True(published == HttpStatusCode.OK, problem.ToString());

        using var hits = JsonDocument.Parse(await Anonymous.GetStringAsync("/api/search?q=%E5%86%9B%E4%BA%8B%E5%90%88%E4%BD%9C"));
        Assert.Equal(slug, hits.RootElement.GetProperty("items")[0].GetProperty("article").GetProperty("slug").GetString());
    }

    private static string RandomText(int length, int seed, Func<Random, char> next)
    {
        var random = new Random(seed);
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            text.Append(next(random));
        }

        return text.ToString();
    }
}
