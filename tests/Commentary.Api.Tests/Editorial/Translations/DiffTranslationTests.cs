using System.Net;
using System.Text;
using System.Text.Json;
using Commentary.Api.Tests.Infrastructure;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Translations;

public sealed class DiffTranslationTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task English_ChangedWord_IsOneDeleteAndOneInsert_BetweenEqualWords()
    {
        var (id, etag) = await Admin.CreateArticleAsync("China and Russia hold drills");
        etag = await SaveAsync(id, "en", "China and Russia hold drills", "The drills began on Monday.", etag);
        await SaveAsync(id, "en", "China and Russia hold drills", "The drills ended on Monday.", etag);

        var diff = await DiffAsync(Admin, id, "en", "?from=2&to=3");

        Assert.Equal("word", diff.GetProperty("granularity").GetString());
        Assert.Equal([("equal", "The drills "), ("delete", "began"), ("insert", "ended"), ("equal", " on Monday.")], Segments(diff, "body"));
        Assert.True(diff.GetProperty("body").GetProperty("changed").GetBoolean());
        Assert.False(diff.GetProperty("title").GetProperty("changed").GetBoolean());
        Assert.Equal([("equal", "China and Russia hold drills")], Segments(diff, "title"));
        Assert.Empty(Segments(diff, "summary"));
        Assert.Equal(JsonValueKind.Null, diff.GetProperty("original").ValueKind);
    }

    [Theory]
    [InlineData("zh-Hans", "中俄举行联合演习", "中俄举行海上联合演习", "海上")]
    [InlineData("zh-Hant", "中俄舉行聯合演習 𠀀", "中俄舉行海上聯合演習 𠀀", "海上")]
    public async Task Chinese_IsCharacterLevel(string lang, string before, string after, string inserted)
    {
        var (id, _) = await Admin.CreateArticleAsync();
        await SaveAsync(id, lang, "标题", after, await SaveAsync(id, lang, "标题", before));

        var diff = await DiffAsync(Admin, id, lang, "?from=1&to=2");

        Assert.Equal("character", diff.GetProperty("granularity").GetString());
        var body = Segments(diff, "body");
        Assert.Equal(("insert", inserted), Assert.Single(body, s => s.Kind != "equal"));
        Assert.Equal(before, Rebuild(body, "delete"));
        Assert.Equal(after, Rebuild(body, "insert"));
    }

    [Fact]
    public async Task Defaults_AreFromPublishedToDraft_OrFromTheFirstRevisionBeforeAnyPublish()
    {
        var (id, etag) = await Admin.CreateArticleAsync();
        etag = await SaveAsync(id, "en", "Second", "second", etag);

        var unpublished = await DiffAsync(Admin, id, "en", "?unknown=ignored");
        Assert.Equal((1, 2), Revisions(unpublished));
        Assert.True(unpublished.GetProperty("to").GetProperty("draft").GetBoolean());
        Assert.False(unpublished.GetProperty("from").GetProperty("published").GetBoolean());

        var (published, _, publishedETag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, published);
        await SaveAsync(id, "en", "Third", "third", publishedETag);

        var bare = await DiffAsync(Admin, id, "en", "");
        Assert.Equal((2, 3), Revisions(bare));
        Assert.True(bare.GetProperty("from").GetProperty("published").GetBoolean());
        Assert.Equal([("delete", "Second"), ("insert", "Third")], Segments(bare, "title"));
        Assert.Equal((2, 3), Revisions(await DiffAsync(Admin, id, "en", "?from=PUBLISHED&to=draft")));
        Assert.Equal((3, 1), Revisions(await DiffAsync(Admin, id, "en", "?from=draft&to=1")));
        Assert.Equal((2, 2), Revisions(await DiffAsync(Admin, id, "en", "?from=2&to=published")));
        Assert.Equal((2, 3), Revisions(await DiffAsync(Admin, id, "en", "?from=&to=")));
    }

    [Theory]
    [InlineData("from=0", "from")]
    [InlineData("from=-1", "from")]
    [InlineData("from=abc", "from")]
    [InlineData("to=1.5", "to")]
    [InlineData("to=%2B1", "to")]
    [InlineData("to=99999999999", "to")]
    [InlineData("from=draft%00", "from")]
    [InlineData("to=%00", "to")]
    [InlineData("from=%ED%A0%80", "from")]
    [InlineData("to=%F0%9F%98", "to")]
    public async Task BadFromOrTo_Returns400NamingTheField(string query, string field)
    {
        var (id, _) = await Admin.CreateArticleAsync();

        var (status, problem, _) = await Admin.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}/translations/en/diff?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Theory]
    [InlineData("en", "from=9", "from: the 'en' translation has no revision 9")]
    [InlineData("en", "from=1&to=2", "to: the 'en' translation has no revision 2")]
    [InlineData("en", "from=published", "from: the 'en' translation has never been published")]
    [InlineData("en", "from=1&to=published", "to: the 'en' translation has never been published")]
    [InlineData("zh-Hant", "", "with a 'zh-Hant' translation")]
    public async Task MissingRevisionStateOrTranslation_Returns404(string lang, string query, string detail)
    {
        var (id, _) = await Admin.CreateArticleAsync();

        var (status, problem, _) = await Admin.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}/translations/{lang}/diff?{query}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000001", "en", HttpStatusCode.NotFound)]
    [InlineData("not-an-id", "en", HttpStatusCode.NotFound)]
    [InlineData(null, "fr", HttpStatusCode.BadRequest)]
    public async Task UnknownArticleOrLanguage_IsAProblem_LikeTheRevisions(string? id, string lang, HttpStatusCode expected)
    {
        id ??= (await Admin.CreateArticleAsync()).Id;

        var (status, problem, _) = await Admin.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}/translations/{lang}/diff");

        Assert.Equal(expected, status);
        Assert.Equal((await Admin.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}/translations/{lang}/revisions")).Status, status);
        Assert.Equal(expected == HttpStatusCode.BadRequest, problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty("lang", out _));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("partner", HttpStatusCode.Forbidden)]
    [InlineData("translator", HttpStatusCode.OK)]
    [InlineData("editor", HttpStatusCode.OK)]
    public async Task Roles_TranslatorAndAbove(string? role, HttpStatusCode expected)
    {
        var (id, _) = await Admin.CreateArticleAsync();
        var client = role is null ? Anonymous : await ClientForRoleAsync(role);

        Assert.Equal(expected, (await client.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}/translations/en/diff")).Status);
    }

    [Fact]
    public async Task OutdatedTranslation_NamesItsOriginalRevision_WhoseDiffShowsWhatChanged()
    {
        var (id, _) = await Admin.CreateArticleAsync("China and Russia hold drills");
        await SaveAsync(id, "zh-Hans", "中俄举行演习", "正文。");
        await SaveAsync(id, "en", "China and Russia hold naval drills", "Body **text**.", await Admin.ETagOfAsync(id));
        var translator = await ClientForRoleAsync("translator");

        var zh = await DiffAsync(translator, id, "zh-Hans", "");
        var original = zh.GetProperty("original");
        Assert.Equal("en", original.GetProperty("language").GetString());
        Assert.Equal(1, original.GetProperty("sourceRevision").GetInt32());
        Assert.Equal(2, original.GetProperty("currentRevision").GetInt32());
        Assert.True(original.GetProperty("outdated").GetBoolean());
        Assert.Equal(1, zh.GetProperty("to").GetProperty("sourceRevision").GetInt32());

        var changesUrl = original.GetProperty("changesUrl").GetString()!;
        Assert.Equal($"{ArticlesUrl}/{id}/translations/en/diff?from=1&to=draft", changesUrl);
        var (status, en, _) = await translator.SendAsync(HttpMethod.Get, changesUrl);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((1, 2), Revisions(en));
        Assert.Equal([("equal", "China and Russia hold "), ("insert", "naval "), ("equal", "drills")], Segments(en, "title"));

        await SaveAsync(id, "zh-Hans", "中俄举行海上演习", "正文。", await Admin.ETagOfAsync(id));
        var current = (await DiffAsync(translator, id, "zh-Hans", "")).GetProperty("original");
        Assert.False(current.GetProperty("outdated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, current.GetProperty("changesUrl").ValueKind);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    public async Task RandomEdits_SegmentsRebuildBothRevisions(string lang)
    {
        string[] pieces = ["the ", "drills", " ", ".", "\n", "\n\n", "**", "# ", "- ", "中", "俄", "演习", "，", "。", "😀", "𠀀", "e\u0301", "’s"];
        var random = new Random(lang.Length * 7919);
        var (id, _) = await Admin.CreateArticleAsync(language: lang);
        var body = new StringBuilder("Body **text**.");
        for (var revision = 2; revision <= 6; revision++)
        {
            for (var edit = 0; edit < 4; edit++)
            {
                var at = random.Next(body.Length + 1);
                while (at > 0 && at < body.Length && char.IsLowSurrogate(body[at]))
                {
                    at--;
                }

                body.Insert(at, pieces[random.Next(pieces.Length)] + pieces[random.Next(pieces.Length)]);
            }

            await SaveAsync(id, lang, $"Title {revision}", body.ToString(), await Admin.ETagOfAsync(id));
        }

        for (var from = 1; from <= 6; from++)
        {
            var to = random.Next(1, 7);
            var diff = await DiffAsync(Admin, id, lang, $"?from={from}&to={to}");
            foreach (var field in new[] { "title", "body" })
            {
                var segments = Segments(diff, field);
                Assert.Equal(await StoredAsync(id, lang, from, field), Rebuild(segments, "delete"));
                Assert.Equal(await StoredAsync(id, lang, to, field), Rebuild(segments, "insert"));
            }
        }
    }

    [Fact]
    public async Task OpenApi_DocumentsFromAndToAsQueryParameters()
    {
        using var document = JsonDocument.Parse(await Anonymous.GetStringAsync("/swagger/v1/swagger.json"));
        var operation = document.RootElement.GetProperty("paths").GetProperty($"{ArticlesUrl}/{{id}}/translations/{{lang}}/diff").GetProperty("get");

        Assert.Equal("DiffTranslation", operation.GetProperty("operationId").GetString());
        var query = operation.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").ToList();
        Assert.Equal(["from", "to"], query.Select(p => p.GetProperty("name").GetString()).Order());
        Assert.All(query, p => Assert.Contains("draft or published", p.GetProperty("description").GetString()));
        Assert.Contains("`from=published`", operation.GetProperty("description").GetString());
    }

    private async Task<string> SaveAsync(string id, string lang, string title, string body, string? etag = null)
    {
        var (status, _, newETag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/{lang}", new { title, body }, etag);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"PUT {lang}: {status}");
        return newETag!;
    }

    private async Task<JsonElement> DiffAsync(HttpClient client, string id, string lang, string query)
    {
        var (status, body, _) = await client.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}/translations/{lang}/diff{query}");
        Assert.True(status == HttpStatusCode.OK, $"diff {lang}{query}: {status} {body}");
        return body;
    }

    private async Task<string> StoredAsync(string id, string lang, int number, string field)
    {
        var (_, revision, _) = await Admin.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}/translations/{lang}/revisions/{number}");
        return revision.GetProperty(field).GetString() ?? "";
    }

    private static (int From, int To) Revisions(JsonElement diff) =>
        (diff.GetProperty("from").GetProperty("revision").GetInt32(), diff.GetProperty("to").GetProperty("revision").GetInt32());

    private static List<(string Kind, string Text)> Segments(JsonElement diff, string field) =>
        [.. diff.GetProperty(field).GetProperty("segments").EnumerateArray().Select(s => (s.GetProperty("kind").GetString()!, s.GetProperty("text").GetString()!))];

    private static string Rebuild(IEnumerable<(string Kind, string Text)> segments, string side) =>
        string.Concat(segments.Where(s => s.Kind == "equal" || s.Kind == side).Select(s => s.Text));
}
