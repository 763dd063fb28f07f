using System.Net;
using System.Text.Json;
using Commentary.Api.Tests.Infrastructure;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Translations;

/// <summary>POST …/translations/{lang}/convert: converted drafts, their refresh with the source, review and outdated.</summary>
public sealed class ConvertTranslationTests(ApiFixture fixture) : ApiTest(fixture)
{
    internal const string SimplifiedBody =
        "岳刚说，这次**演习**是[例行的](https://example.org/汉字?q=发展 \"标题\")。\n\n" +
        "代码 `头发 = 发展` 不变；<span title=\"汉语\">汉语</span>\n\n```\n头发\n```\n\n| 国家 | 发展 |\n|---|---|\n| 中国 | 头发 |";

    internal const string TraditionalBody =
        "嶽剛說，這次**演習**是[例行的](https://example.org/汉字?q=发展 \"标题\")。\n\n" +
        "代碼 `头发 = 发展` 不變；<span title=\"汉语\">漢語</span>\n\n```\n头发\n```\n\n| 國家 | 發展 |\n|---|---|\n| 中國 | 頭髮 |";

    internal static async Task<(string Id, string ETag)> CreateSimplifiedAsync(HttpClient client, string body = SimplifiedBody)
    {
        var (status, created, etag) = await client.SendAsync(HttpMethod.Post, ArticlesUrl,
            new { originalLanguage = "zh-Hans", title = "中国与俄罗斯举行演习", summary = "这是多年来规模最大的一次", body });
        Assert.Equal(HttpStatusCode.Created, status);
        return (created.GetProperty("id").GetString()!, etag!);
    }

    internal static Task<(HttpStatusCode Status, JsonElement Body, string? ETag)> ConvertAsync(
        HttpClient client, string id, string lang, object body, string? etag) =>
        client.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/translations/{lang}/convert", body, etag);

    [Fact]
    public async Task Convert_CreatesDraft_ConvertingTextOnly_MarkedConvertedAndUnreviewed()
    {
        var (id, etag) = await CreateSimplifiedAsync(Admin);
        var translator = await ClientForRoleAsync("translator");
        var (status, article, newETag) = await ConvertAsync(translator, id, "zh-Hant", new { from = "zh-Hans" }, etag);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.NotEqual(etag, newETag);
        var hant = article.Translation("zh-Hant");
        Assert.Equal("中國與俄羅斯舉行演習", hant.GetProperty("title").GetString());
        Assert.Equal("這是多年來規模最大的一次", hant.GetProperty("summary").GetString());
        Assert.Equal(TraditionalBody, hant.GetProperty("body").GetString());
        Assert.True(hant.GetProperty("machineConverted").GetBoolean());
        Assert.False(hant.GetProperty("outdated").GetBoolean());
        Assert.Null(hant.GetProperty("published").GetString());
        var conversion = hant.GetProperty("conversion");
        Assert.Equal("zh-Hans", conversion.GetProperty("from").GetString());
        Assert.Equal(1, conversion.GetProperty("fromRevision").GetInt32());
        Assert.Equal("s2tw", conversion.GetProperty("config").GetString());
        Assert.False(conversion.GetProperty("reviewed").GetBoolean());

        var (_, revisions, _) = await translator.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}/translations/zh-Hant/revisions");
        Assert.True(revisions[0].GetProperty("machineConverted").GetBoolean());
    }

    [Fact]
    public async Task Convert_AlsoConvertsTheQuotesWords_InTheirDraft()
    {
        await using (var db = CreateDbContext())
        {
            await SeedReferencesAsync(db);
        }

        var (id, etag) = await CreateSimplifiedAsync(Admin);
        var quotes = new object[]
        {
            new { source = "yue-gang", text = new Dictionary<string, string> { ["zh-Hans"] = "这次演习是例行的。", ["en"] = "Routine." } },
            new { source = "yue-gang", text = new Dictionary<string, string> { ["en"] = "English only." } },
        };
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", quotes, etag);
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { }, etag);

        var (status, article, _) = await ConvertAsync(Admin, id, "zh-Hant", new { from = "zh-Hans" }, etag);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("這次演習是例行的。", article.GetProperty("quotes")[0].GetProperty("text").GetProperty("zh-Hant").GetString());
        Assert.Equal("Routine.", article.GetProperty("quotes")[0].GetProperty("text").GetProperty("en").GetString());
        Assert.False(article.GetProperty("quotes")[1].GetProperty("text").TryGetProperty("zh-Hant", out _));
        Assert.Contains("quotes", article.GetProperty("changedParts").EnumerateArray().Select(p => p.GetString()));
        // The conversion is a draft: readers see the quotes as published.
        Assert.DoesNotContain("這次演習", await Anonymous.GetStringAsync($"/api/articles/{article.GetProperty("slug").GetString()}?lang=zh-Hans"));
    }

    /// <summary>Quotes are part of the source: new or changed words refresh an unreviewed conversion's, until it is reviewed.</summary>
    [Fact]
    public async Task QuoteEdit_RefreshesAnUnreviewedConversionsWords_KeepsWordsLeftAsTheyWere()
    {
        await using (var db = CreateDbContext())
        {
            await SeedReferencesAsync(db);
        }

        var (id, etag) = await CreateSimplifiedAsync(Admin);
        (_, _, etag) = await ConvertAsync(Admin, id, "zh-Hant", new { from = "zh-Hans" }, etag);
        object Quotes(string first, string firstHant, string second) => new object[]
        {
            new { source = "yue-gang", text = new Dictionary<string, string> { ["zh-Hans"] = first, ["zh-Hant"] = firstHant } },
            new { source = "yue-gang", text = new Dictionary<string, string> { ["zh-Hans"] = second } },
        };

        var (status, article, _) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", Quotes("这次演习是例行的。", "舊的", "发展"), etag);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("這次演習是例行的。", QuoteWords(article, 0));
        Assert.Equal("發展", QuoteWords(article, 1));

        // Words in the source left as they were: the conversion's words, edited by hand, stay as sent.
        (_, article, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", Quotes("这次演习是例行的。", "這次演習是例行公事。", "发展"), await Admin.ETagOfAsync(id));
        Assert.Equal("這次演習是例行公事。", QuoteWords(article, 0));

        (_, _, etag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/translations/zh-Hant/mark-current", null, etag);
        (_, article, _) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/quotes", Quotes("头发", "舊的", "发展"), etag);
        Assert.Equal("舊的", QuoteWords(article, 0));

        static string? QuoteWords(JsonElement article, int index) =>
            article.GetProperty("quotes")[index].GetProperty("text").GetProperty("zh-Hant").GetString();
    }

    /// <summary>Taiwan phrases can lengthen text (U盘 becomes 隨身碟): a conversion over a field's limit is refused, not stored.</summary>
    [Fact]
    public async Task Convert_OverAFieldsLimit_Is409NamingTheField_AndARefreshSkipsIt()
    {
        var body = string.Concat(Enumerable.Repeat("U盘", 99_999));
        var (id, etag) = await CreateSimplifiedAsync(Admin, body);

        var (status, problem, _) = await ConvertAsync(Admin, id, "zh-Hant", new { from = "zh-Hans", config = "s2twp" }, etag);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("body", problem.GetProperty("detail").GetString());
        Assert.Equal(1, (await Admin.GetArticleAsync(id)).GetProperty("translations").GetArrayLength());

        // A conversion that fits, whose source then grows past what its conversion can hold, keeps its last text.
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "中国", body = "U盘" }, await Admin.ETagOfAsync(id));
        (status, _, etag) = await ConvertAsync(Admin, id, "zh-Hant", new { from = "zh-Hans", config = "s2twp" }, etag);
        Assert.Equal(HttpStatusCode.Created, status);
        (status, _, _) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "中国", body }, etag);
        Assert.Equal(HttpStatusCode.OK, status);
        var hant = (await Admin.GetArticleAsync(id)).Translation("zh-Hant");
        Assert.Equal("隨身碟", hant.GetProperty("body").GetString());
        Assert.True(hant.GetProperty("outdated").GetBoolean());
    }

    [Fact]
    public async Task Convert_Again_RefreshesTheDraft_AsANewRevision_WithTheGivenConfig()
    {
        var (id, etag) = await CreateSimplifiedAsync(Admin, "软件和鼠标");
        (_, _, etag) = await ConvertAsync(Admin, id, "zh-Hant", new { from = "zh-Hans" }, etag);
        var (status, article, _) = await ConvertAsync(Admin, id, "zh-Hant", new { from = "zh-Hans", config = "S2TWP" }, etag);

        Assert.Equal(HttpStatusCode.OK, status);
        var hant = article.Translation("zh-Hant");
        Assert.Equal("軟體和滑鼠", hant.GetProperty("body").GetString());
        Assert.Equal(2, hant.GetProperty("revision").GetInt32());
        Assert.Equal("s2twp", hant.GetProperty("conversion").GetProperty("config").GetString());
    }

    [Fact]
    public async Task SourceEdit_RefreshesAnUnreviewedConversion_InTheSameSave()
    {
        var (id, etag) = await CreateSimplifiedAsync(Admin, "头发");
        (_, _, etag) = await ConvertAsync(Admin, id, "zh-Hant", new { from = "zh-Hans" }, etag);
        var (status, article, _) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "发展", body = "发展中国家" }, etag);

        Assert.Equal(HttpStatusCode.OK, status);
        var hant = article.Translation("zh-Hant");
        Assert.Equal("發展", hant.GetProperty("title").GetString());
        Assert.Equal("發展中國家", hant.GetProperty("body").GetString());
        Assert.Equal(2, hant.GetProperty("conversion").GetProperty("fromRevision").GetInt32());
        Assert.Equal(2, hant.GetProperty("sourceRevision").GetInt32());
        Assert.True(hant.GetProperty("machineConverted").GetBoolean());
        Assert.False(hant.GetProperty("outdated").GetBoolean());
    }

    [Fact]
    public async Task TranslatorSave_Reviews_ThenSourceEdit_MakesItOutdated_UntilMarkedCurrent()
    {
        var (id, etag) = await CreateSimplifiedAsync(Admin, "头发");
        (_, _, etag) = await ConvertAsync(Admin, id, "zh-Hant", new { from = "zh-Hans" }, etag);
        var (_, article, reviewedETag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hant", new { title = "標題", body = "頭髮！" }, etag);
        var hant = article.Translation("zh-Hant");
        Assert.False(hant.GetProperty("machineConverted").GetBoolean());
        Assert.True(hant.GetProperty("conversion").GetProperty("reviewed").GetBoolean());

        (_, article, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "发展", body = "发展" }, reviewedETag);
        hant = article.Translation("zh-Hant");
        Assert.Equal("頭髮！", hant.GetProperty("body").GetString());
        Assert.True(hant.GetProperty("outdated").GetBoolean());
        var (_, outdated, _) = await Admin.SendAsync(HttpMethod.Get, $"{ArticlesUrl}?outdated=true");
        Assert.Contains(outdated.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == id);

        (_, article, _) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/translations/zh-Hant/mark-current", null, etag);
        hant = article.Translation("zh-Hant");
        Assert.False(hant.GetProperty("outdated").GetBoolean());
        Assert.Equal(2, hant.GetProperty("conversion").GetProperty("fromRevision").GetInt32());
    }

    [Fact]
    public async Task MarkCurrent_ReviewsAConversion_SoTheSourceNoLongerRefreshesIt()
    {
        var (id, etag) = await CreateSimplifiedAsync(Admin, "头发");
        (_, _, etag) = await ConvertAsync(Admin, id, "zh-Hant", new { from = "zh-Hans" }, etag);
        var (status, article, newETag) = await Admin.SendAsync(HttpMethod.Post, $"{ArticlesUrl}/{id}/translations/zh-Hant/mark-current", null, etag);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(article.Translation("zh-Hant").GetProperty("machineConverted").GetBoolean());

        (_, article, _) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "发展", body = "发展" }, newETag);
        Assert.Equal("頭髮", article.Translation("zh-Hant").GetProperty("body").GetString());
        Assert.True(article.Translation("zh-Hant").GetProperty("outdated").GetBoolean());
    }

    [Fact]
    public async Task List_FiltersUnreviewedConversions()
    {
        var (converted, etag) = await CreateSimplifiedAsync(Admin, "头发");
        await ConvertAsync(Admin, converted, "zh-Hant", new { from = "zh-Hans" }, etag);
        var (plain, _) = await CreateSimplifiedAsync(Admin, "发展");

        var (status, page, _) = await Admin.SendAsync(HttpMethod.Get, $"{ArticlesUrl}?unreviewed=true");
        Assert.Equal(HttpStatusCode.OK, status);
        var ids = page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Contains(converted, ids);
        Assert.DoesNotContain(plain, ids);
        var row = page.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("id").GetString() == converted);
        Assert.True(row.Translation("zh-Hant").GetProperty("machineConverted").GetBoolean());

        (_, page, _) = await Admin.SendAsync(HttpMethod.Get, $"{ArticlesUrl}?unreviewed=false");
        ids = page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Contains(plain, ids);
        Assert.DoesNotContain(converted, ids);
    }

    [Theory]
    [InlineData("en", """{"from":"zh-Hans"}""", "lang")]
    [InlineData("zh-Hant", """{"from":"en"}""", "from")]
    [InlineData("zh-Hant", """{"from":"zh-Hant"}""", "from")]
    [InlineData("zh-Hant", """{}""", "from")]
    [InlineData("zh-Hant", """{"from":"zh-Hans","config":"tw2s"}""", "config")]
    [InlineData("zh-Hant", """{"from":"zh-Hans","config":"s2x"}""", "config")]
    public async Task BadRequest_Returns400NamingTheField(string lang, string json, string field)
    {
        var (id, etag) = await CreateSimplifiedAsync(Admin, "头发");
        var (status, body, _) = await ConvertAsync(Admin, id, lang, json, etag);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task Preconditions_Conflicts_AndRoles()
    {
        var (id, etag) = await CreateSimplifiedAsync(Admin, "头发");
        Assert.Equal((HttpStatusCode)428, (await ConvertAsync(Admin, id, "zh-Hant", new { from = "zh-Hans" }, null)).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await ConvertAsync(Admin, id, "zh-Hant", new { from = "zh-Hans" }, "\"99\"")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await ConvertAsync(await ClientForRoleAsync("partner"), id, "zh-Hant", new { from = "zh-Hans" }, etag)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ConvertAsync(Anonymous, id, "zh-Hant", new { from = "zh-Hans" }, etag)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ConvertAsync(Admin, Guid.NewGuid().ToString(), "zh-Hant", new { from = "zh-Hans" }, etag)).Status);

        // The original is never overwritten, and a missing source is a conflict.
        Assert.Equal(HttpStatusCode.Conflict, (await ConvertAsync(Admin, id, "zh-Hans", new { from = "zh-Hant" }, etag)).Status);
        var (english, englishETag) = await Admin.CreateArticleAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await ConvertAsync(Admin, english, "zh-Hant", new { from = "zh-Hans" }, englishETag)).Status);
        Assert.Equal(etag, await Admin.ETagOfAsync(id));
    }

    [Fact]
    public async Task NonOriginalSource_CarriesItsFreshnessAgainstTheOriginal()
    {
        var (id, etag) = await Admin.CreateArticleAsync();
        (_, _, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "头发", body = "头发" }, etag);
        var (_, article, _) = await ConvertAsync(Admin, id, "zh-Hant", new { from = "zh-Hans" }, etag);
        Assert.False(article.Translation("zh-Hant").GetProperty("outdated").GetBoolean());

        (_, article, etag) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/en", new { title = "New", body = "new" }, await Admin.ETagOfAsync(id));
        Assert.True(article.Translation("zh-Hans").GetProperty("outdated").GetBoolean());
        Assert.True(article.Translation("zh-Hant").GetProperty("outdated").GetBoolean());

        // Bringing the source up to date refreshes the conversion, which is then current too.
        (_, article, _) = await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", new { title = "发展", body = "发展" }, etag);
        Assert.False(article.Translation("zh-Hant").GetProperty("outdated").GetBoolean());
        Assert.Equal("發展", article.Translation("zh-Hant").GetProperty("body").GetString());
    }
}
