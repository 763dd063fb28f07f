using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Partners.Sync;

/// <summary>Renaming a source, topic or author changes what published articles show, so partners must hear about it.</summary>
public sealed class ReplaceTaxonomyChangesTests(ApiFixture fixture) : ApiTest(fixture)
{
    private ContentSeeder Seed => ContentSeeder.OnWallClock(Factory.Services);

    private async Task<PartnerFeed> PartnerAsync() => new(await ClientForRoleAsync(Roles.Partner));

    [Fact]
    public async Task SourceRename_IsAnUpsertOfEveryPublishedLanguageOfEveryArticleQuotingIt()
    {
        var ada = await SharedPartChanges.CreateSourceAsync(Admin, "ada", "Ada");
        var other = await SharedPartChanges.CreateSourceAsync(Admin, "other", "Other");
        var quoted = await Seed.ArticleAsync("quoted", "en", new Dictionary<string, string> { ["en"] = "Q en", ["zh-Hans"] = "Q 简", ["zh-Hant"] = "Q 繁 draft" }, publish: ["en", "zh-Hans"]);
        var reported = await Seed.ArticleAsync("reported", "en", new Dictionary<string, string> { ["en"] = "R en" });
        var draft = await Seed.ArticleAsync("draft", "en", new Dictionary<string, string> { ["en"] = "Draft" }, publish: []);
        var unrelated = await Seed.ArticleAsync("unrelated", "en", new Dictionary<string, string> { ["en"] = "U en" });
        await SharedPartChanges.AddQuoteAsync(Factory.Services, quoted, ada);
        await SharedPartChanges.AddQuoteAsync(Factory.Services, reported, other, outletId: ada);
        await SharedPartChanges.AddQuoteAsync(Factory.Services, draft, ada);
        await SharedPartChanges.AddQuoteAsync(Factory.Services, unrelated, other);
        var partner = await PartnerAsync();
        await partner.DrainAsync();

        await SharedPartChanges.ReplaceAsync(Admin, "/api/manage/sources/ada", new { kind = "person", name = new { en = "Ada Lovelace" }, role = new { en = "Role" } });

        var changes = await partner.DrainAsync();
        Assert.Equal(
            [("quoted", "en"), ("quoted", "zh-Hans"), ("reported", "en")],
            changes.Select(c => (c.Slug, c.Language)).Order());
        Assert.All(changes, c => Assert.Equal("upsert", c.Type));
        var quotedEn = changes.Single(c => c.Slug == "quoted" && c.Language == "en").Article!;
        Assert.Equal("Ada Lovelace", Assert.Single(quotedEn.Quotes).Source.Name);
        Assert.Equal("Ada Lovelace", Assert.Single(changes.Single(c => c.Slug == "reported").Article!.Quotes).Outlet!.Name);
    }

    [Fact]
    public async Task SourceReplaceNotShownOnArticles_RecordsNothing()
    {
        var ada = await SharedPartChanges.CreateSourceAsync(Admin, "ada", "Ada");
        var quoted = await Seed.ArticleAsync("quoted", "en", new Dictionary<string, string> { ["en"] = "Q en" });
        await SharedPartChanges.AddQuoteAsync(Factory.Services, quoted, ada);
        var partner = await PartnerAsync();
        await partner.DrainAsync();

        // The same texts again, then only the kind (which articles do not show).
        await SharedPartChanges.ReplaceAsync(Admin, "/api/manage/sources/ada", new { kind = "person", name = new { en = "Ada" }, role = new { en = "Role" } });
        await SharedPartChanges.ReplaceAsync(Admin, "/api/manage/sources/ada", new { kind = "organization", name = new { en = "Ada" }, role = new { en = "Role" } });

        Assert.Empty(await partner.DrainAsync());
    }

    [Fact]
    public async Task TopicRename_IsAnUpsertOfArticlesTaggedWithIt_AndKeepsTheirVersions()
    {
        var tagged = await Seed.ArticleAsync("tagged", "zh-Hant", new Dictionary<string, string> { ["zh-Hant"] = "T 繁", ["en"] = "T en" }, topicSlugs: ["economy", "other"]);
        await Seed.ArticleAsync("draft", "en", new Dictionary<string, string> { ["en"] = "Draft" }, topicSlugs: ["economy"], publish: []);
        await Seed.ArticleAsync("unrelated", "en", new Dictionary<string, string> { ["en"] = "U" }, topicSlugs: ["other"]);
        var etag = (await Admin.GetAsync($"/api/manage/articles/{tagged}")).Headers.ETag;
        var partner = await PartnerAsync();
        await partner.DrainAsync();

        await SharedPartChanges.ReplaceAsync(Admin, "/api/manage/topics/economy", new { name = new Dictionary<string, string> { ["en"] = "Economy", ["zh-Hant"] = "經濟" }, description = new { en = "Money." } });

        var changes = await partner.DrainAsync();
        Assert.Equal([("tagged", "en"), ("tagged", "zh-Hant")], changes.Select(c => (c.Slug, c.Language)).Order());
        Assert.Equal("Economy", changes.Single(c => c.Language == "en").Article!.Topics[0].Name);
        Assert.Equal(etag, (await Admin.GetAsync($"/api/manage/articles/{tagged}")).Headers.ETag);

        // A description is shown on the topic's page, not in articles.
        await SharedPartChanges.ReplaceAsync(Admin, "/api/manage/topics/economy", new { name = new Dictionary<string, string> { ["en"] = "Economy", ["zh-Hant"] = "經濟" }, description = new { en = "Only money." } });
        Assert.Empty(await partner.DrainAsync());
    }

    [Fact]
    public async Task AuthorRename_IsAnUpsertOfTheirPublishedArticles()
    {
        await Seed.ArticleAsync("written", "en", new Dictionary<string, string> { ["en"] = "W" }, authorSlugs: ["kim"]);
        await Seed.ArticleAsync("unrelated", "en", new Dictionary<string, string> { ["en"] = "U" }, authorSlugs: ["lee"]);
        var partner = await PartnerAsync();
        await partner.DrainAsync();

        await SharedPartChanges.ReplaceAsync(Admin, "/api/manage/authors/kim", new { name = new { en = "Kim Jones" } });

        var change = Assert.Single(await partner.DrainAsync());
        Assert.Equal(("upsert", "written", "Kim Jones"), (change.Type, change.Slug, change.Article!.Authors[0].Name));
    }

    [Fact]
    public async Task SourceRename_WaitsForAnOpenTransactionAddingAQuote_AndIncludesThatArticle()
    {
        var ada = await SharedPartChanges.CreateSourceAsync(Admin, "ada", "Ada");
        var quoted = await Seed.ArticleAsync("quoted", "en", new Dictionary<string, string> { ["en"] = "Q en" });
        var partner = await PartnerAsync();
        await partner.DrainAsync();

        // An editor's save still open: its quote (and the key-share lock its foreign key check takes) is not yet committed.
        await using var editor = CreateDbContext();
        await using var transaction = await editor.Database.BeginTransactionAsync();
        editor.Quotes.Add(new Quote { ArticleId = quoted, Position = 0, SourceId = ada, Text = new LocalizedText { En = "Words." } });
        await editor.SaveChangesAsync();

        var rename = SharedPartChanges.ReplaceAsync(Admin, "/api/manage/sources/ada", new { kind = "person", name = new { en = "Ada Lovelace" }, role = new { en = "Role" } });
        await Task.Delay(300);
        Assert.False(rename.IsCompleted);
        await transaction.CommitAsync();
        await rename;

        var change = Assert.Single(await partner.DrainAsync());
        Assert.Equal(("quoted", "Ada Lovelace"), (change.Slug, Assert.Single(change.Article!.Quotes).Source.Name));
    }
}
