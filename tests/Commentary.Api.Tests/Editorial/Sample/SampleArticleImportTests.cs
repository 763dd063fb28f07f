using System.Net;
using System.Net.Http.Json;
using Commentary.Api.Content;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Editorial.Sample;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Editorial.Sample;

public sealed class SampleArticleImportTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const string Slug = "sino-russian-defense-cooperation-reaches-new-heights";

    private async Task ImportAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<SampleArticleImporter>().ImportIfEmptyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task EmptyDatabase_ImportsOnePublishedArticleInThreeLanguages()
    {
        await ImportAsync();

        await using var db = CreateDbContext();
        var article = await db.Articles.Include(a => a.Translations).SingleAsync();
        Assert.Equal(Slug, article.Slug);
        Assert.Equal(["en", "zh-Hans", "zh-Hant"], article.Translations.Select(t => t.Language).Order().ToArray());
        Assert.All(article.Translations, t => Assert.Equal(t.Revision, t.PublishedRevision));
        Assert.Equal(new DateTimeOffset(2021, 10, 2, 0, 0, 0, TimeSpan.Zero), article.FirstPublishedAt);
        Assert.Equal(12, await db.Sources.CountAsync());
        Assert.Equal(3, await db.ContentChanges.CountAsync());
    }

    [Fact]
    public async Task SecondStart_DoesNotImportAgain()
    {
        await ImportAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<SampleArticleImporter>().ImportIfEmptyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task English_ServesTitleParagraphsQuotesAndRelatedLink()
    {
        await ImportAsync();

        var article = await Anonymous.GetFromJsonAsync<PublicArticle>($"/api/articles/{Slug}");

        Assert.NotNull(article);
        Assert.Equal("en", article.Language);
        Assert.False(article.IsFallback);
        Assert.Equal("Sino-Russian Defense Cooperation Reaches New Heights", article.Title);
        Assert.StartsWith("<p>Developments in Afghanistan", article.BodyHtml, StringComparison.Ordinal);
        Assert.Equal(7, article.BodyHtml.Split("<p>").Length - 1);
        var yue = Assert.Single(article.Quotes, q => q.Text.StartsWith("We are not allies", StringComparison.Ordinal));
        Assert.Equal("Yue Gang", yue.Source.Name);
        Assert.Equal("Retired PLA colonel and military commentator", yue.Source.Role);
        Assert.Equal("Global Times", Assert.Single(article.Quotes, q => q.Outlet is not null).Outlet!.Name);
        Assert.Equal("external", Assert.Single(article.Related).Kind);
        Assert.Equal(["English", "简体", "繁體"], article.Alternates.Select(a => a.Label).ToArray());
    }

    [Theory]
    [InlineData("zh-Hans", "中俄防务合作达到新高度", "岳刚")]
    [InlineData("zh-Hant", "中俄防務合作達到新高度", "岳剛")]
    [InlineData("zh-TW", "中俄防務合作達到新高度", "岳剛")]
    public async Task Chinese_ServesTitleAndLocalizedSourceNames(string lang, string title, string yueGang)
    {
        await ImportAsync();

        var response = await Anonymous.GetAsync($"/api/articles/{Slug}?lang={lang}");
        var article = await response.Content.ReadFromJsonAsync<PublicArticle>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(title, article!.Title);
        Assert.Equal(article.Language, response.Content.Headers.ContentLanguage.Single());
        Assert.Contains(article.Quotes, q => q.Source.Name == yueGang);
    }
}
