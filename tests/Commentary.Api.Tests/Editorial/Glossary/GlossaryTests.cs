using System.Net;
using System.Net.Http.Json;
using Commentary.Api.Tests.Editorial.Translations;
using Commentary.Api.Tests.Infrastructure;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Glossary;

/// <summary>/api/manage/glossary: CRUD, and the refresh of the unreviewed conversions a change affects, both directions.</summary>
public sealed class GlossaryTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const string Url = "/api/manage/glossary";

    private async Task<(string Id, string ETag)> AddAsync(object term)
    {
        var (status, body, etag) = await Admin.SendAsync(HttpMethod.Post, Url, term);
        Assert.Equal(HttpStatusCode.Created, status);
        return (body.GetProperty("id").GetString()!, etag!);
    }

    [Fact]
    public async Task Crud_WithETags()
    {
        var (status, created, etag) = await Admin.SendAsync(HttpMethod.Post, Url, new { term = " 台湾 ", from = "zh-CN", replacement = "台灣", note = "house style" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("台湾", created.GetProperty("term").GetString());
        Assert.Equal("zh-Hans", created.GetProperty("from").GetString());
        Assert.Equal("zh-Hant", created.GetProperty("to").GetString());
        Assert.False(created.GetProperty("keep").GetBoolean());
        var id = created.GetProperty("id").GetString()!;

        var (_, got, getETag) = await Admin.SendAsync(HttpMethod.Get, $"{Url}/{id}");
        Assert.Equal(etag, getETag);
        Assert.Equal("台灣", got.GetProperty("replacement").GetString());

        Assert.Equal((HttpStatusCode)428, (await Admin.SendAsync(HttpMethod.Put, $"{Url}/{id}", new { term = "台湾", from = "zh-Hans" })).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Admin.SendAsync(HttpMethod.Put, $"{Url}/{id}", new { term = "台湾", from = "zh-Hans" }, "\"9\"")).Status);
        var (replaced, body, newETag) = await Admin.SendAsync(HttpMethod.Put, $"{Url}/{id}", new { term = "台湾", from = "zh-Hans", config = "s2tw" }, etag);
        Assert.Equal(HttpStatusCode.OK, replaced);
        Assert.NotEqual(etag, newETag);
        Assert.True(body.GetProperty("keep").GetBoolean());
        Assert.Equal("s2tw", body.GetProperty("config").GetString());

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Admin.SendAsync(HttpMethod.Delete, $"{Url}/{id}", null, etag)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.SendAsync(HttpMethod.Delete, $"{Url}/{id}", null, newETag)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Get, $"{Url}/{id}")).Status);
    }

    [Theory]
    [InlineData("""{"from":"zh-Hans"}""", "term")]
    [InlineData("""{"term":"","from":"zh-Hans"}""", "term")]
    [InlineData("""{"term":"x","from":"en"}""", "from")]
    [InlineData("""{"term":"x","from":"zh-Hans","config":"tw2s"}""", "config")]
    [InlineData("""{"term":"x","from":"zh-Hant","config":"nope"}""", "config")]
    [InlineData("""{"term":"x\u0000","from":"zh-Hans"}""", "term")]
    [InlineData("""{"term":"x","from":"zh-Hans","colour":1}""", "colour")]
    public async Task BadTerm_Returns400NamingTheField(string json, string field)
    {
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Post, Url, json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task DuplicateTerm_Is409_ButAnotherConfigOrDirectionIsNot_AndRolesApply()
    {
        await AddAsync(new { term = "范冰冰", from = "zh-Hans" });
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.SendAsync(HttpMethod.Post, Url, new { term = "范冰冰", from = "zh-Hans" })).Status);
        await AddAsync(new { term = "范冰冰", from = "zh-Hans", config = "s2hk" });
        await AddAsync(new { term = "范冰冰", from = "zh-Hant" });
        var translator = await ClientForRoleAsync("translator");
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.SendAsync(HttpMethod.Get, Url)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous.SendAsync(HttpMethod.Get, Url)).Status);
    }

    [Fact]
    public async Task List_PagesByTerm_AndFilters()
    {
        foreach (var term in new[] { "丙", "甲", "乙", "丁" })
        {
            await AddAsync(new { term, from = "zh-Hans" });
        }

        await AddAsync(new { term = "乙", from = "zh-Hant", note = "繁體" });
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var (status, page, _) = await Admin.SendAsync(HttpMethod.Get, $"{Url}?limit=2{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            Assert.True(status == HttpStatusCode.OK, page.ToString());
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => $"{t.GetProperty("term").GetString()}:{t.GetProperty("from").GetString()}"));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(["丁:zh-Hans", "丙:zh-Hans", "乙:zh-Hans", "乙:zh-Hant", "甲:zh-Hans"], seen);
        var (_, hant, _) = await Admin.SendAsync(HttpMethod.Get, $"{Url}?from=zh-Hant");
        Assert.Single(hant.GetProperty("items").EnumerateArray());
        var (_, byNote, _) = await Admin.SendAsync(HttpMethod.Get, $"{Url}?q=繁");
        Assert.Single(byNote.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.SendAsync(HttpMethod.Get, $"{Url}?limit=0")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.SendAsync(HttpMethod.Get, $"{Url}?cursor=garbage")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.SendAsync(HttpMethod.Get, $"{Url}?from=en")).Status);
    }

    [Fact]
    public async Task Convert_AppliesTheGlossary_AndAChangeRefreshesUnreviewedConversionsOnly()
    {
        var (id, etag) = await ConvertTranslationTests.CreateSimplifiedAsync(Admin, "岳刚说台湾");
        var (reviewed, reviewedETag) = await ConvertTranslationTests.CreateSimplifiedAsync(Admin, "岳刚说");
        var (other, otherETag) = await ConvertTranslationTests.CreateSimplifiedAsync(Admin, "头发");
        (_, _, reviewedETag) = await ConvertTranslationTests.ConvertAsync(Admin, reviewed, "zh-Hant", new { from = "zh-Hans" }, reviewedETag);
        await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{reviewed}/translations/zh-Hant/mark-current", null, reviewedETag);
        await ConvertTranslationTests.ConvertAsync(Admin, other, "zh-Hant", new { from = "zh-Hans" }, otherETag);
        var (_, article, _) = await ConvertTranslationTests.ConvertAsync(Admin, id, "zh-Hant", new { from = "zh-Hans" }, etag);
        Assert.Equal("嶽剛說臺灣", article.Translation("zh-Hant").GetProperty("body").GetString());
        var otherRevision = (await Admin.GetArticleAsync(other)).Translation("zh-Hant").GetProperty("revision").GetInt32();

        using var response = await Admin.PostAsJsonAsync(Url, new { term = "岳刚", from = "zh-Hans" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("Conversions-Refreshed").Single());
        var refreshed = (await Admin.GetArticleAsync(id)).Translation("zh-Hant");
        Assert.Equal("岳刚說臺灣", refreshed.GetProperty("body").GetString());
        Assert.True(refreshed.GetProperty("machineConverted").GetBoolean());
        Assert.Equal("嶽剛說", (await Admin.GetArticleAsync(reviewed)).Translation("zh-Hant").GetProperty("body").GetString());
        Assert.Equal(otherRevision, (await Admin.GetArticleAsync(other)).Translation("zh-Hant").GetProperty("revision").GetInt32());

        // A mapped term for the configuration the conversion used, then its removal.
        var (mapped, mappedETag) = await AddAsync(new { term = "台湾", from = "zh-Hans", config = "s2tw", replacement = "台灣" });
        Assert.Equal("岳刚說台灣", (await Admin.GetArticleAsync(id)).Translation("zh-Hant").GetProperty("body").GetString());
        await AddAsync(new { term = "台湾", from = "zh-Hans", config = "s2hk", replacement = "WRONG" });
        Assert.Equal("岳刚說台灣", (await Admin.GetArticleAsync(id)).Translation("zh-Hant").GetProperty("body").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.SendAsync(HttpMethod.Delete, $"{Url}/{mapped}", null, mappedETag)).Status);
        Assert.Equal("岳刚說臺灣", (await Admin.GetArticleAsync(id)).Translation("zh-Hant").GetProperty("body").GetString());
    }

    [Fact]
    public async Task TraditionalToSimplified_GlossaryApplies()
    {
        var (status, created, etag) = await Admin.SendAsync(HttpMethod.Post, ArticlesUrl, new { originalLanguage = "zh-Hant", title = "乾隆", body = "乾隆皇帝說" });
        Assert.Equal(HttpStatusCode.Created, status);
        var id = created.GetProperty("id").GetString()!;
        await ConvertTranslationTests.ConvertAsync(Admin, id, "zh-Hans", new { from = "zh-Hant" }, etag);
        await AddAsync(new { term = "皇帝", from = "zh-Hant", replacement = "HUANGDI" });

        var hans = (await Admin.GetArticleAsync(id)).Translation("zh-Hans");
        Assert.Equal("乾隆HUANGDI说", hans.GetProperty("body").GetString());
        Assert.Equal(2, hans.GetProperty("revision").GetInt32());
    }
}
