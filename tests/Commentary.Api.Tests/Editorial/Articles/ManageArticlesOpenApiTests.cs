using System.Net;
using System.Text.Json;
using Commentary.Api.Content;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Tests.Infrastructure;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Articles;

public sealed class ManageArticlesOpenApiTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task EveryOperation_HasNameSummaryRoleAndProblems()
    {
        using var document = await SwaggerAsync();
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith(ArticlesUrl, StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject())
            .ToList();

        Assert.Equal(26, operations.Count);
        foreach (var operation in operations.Select(o => o.Value))
        {
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("operationId").GetString()));
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
            Assert.StartsWith("Role:", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _));
        }

        Assert.All(operations.Where(o => o.Value.GetProperty("operationId").GetString() is not ("CreateArticle" or "ListManagedArticles")),
            o => Assert.True(o.Value.GetProperty("responses").TryGetProperty("404", out _), o.Value.GetProperty("operationId").GetString()));
    }

    [Theory]
    [InlineData("/{id}", "patch", true)]
    [InlineData("/{id}/quotes", "put", true)]
    [InlineData("/{id}/publish", "post", false)]
    public async Task Updates_OfferAnIfMatchField(string path, string method, bool required)
    {
        using var document = await SwaggerAsync();
        var parameters = document.RootElement.GetProperty("paths").GetProperty(ArticlesUrl + path).GetProperty(method).GetProperty("parameters");
        var ifMatch = parameters.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "If-Match");
        Assert.Equal("header", ifMatch.GetProperty("in").GetString());
        Assert.Equal(required, ifMatch.TryGetProperty("required", out var r) && r.GetBoolean());
    }

    [Fact]
    public async Task CreateArticleExample_WorksWhenSentAsIs()
    {
        await using (var db = CreateDbContext())
        {
            var now = DateTimeOffset.UtcNow;
            db.Authors.Add(new Author { Slug = "editorial-desk", Name = new LocalizedText { En = "Editorial desk" }, CreatedAt = now, UpdatedAt = now });
            db.Topics.Add(new Topic { Slug = "defense", Name = new LocalizedText { En = "Defense" }, CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
        }

        using var document = await SwaggerAsync();
        var example = document.RootElement.GetProperty("paths").GetProperty(ArticlesUrl).GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");

        var (status, article, etag) = await Admin.SendAsync(HttpMethod.Post, ArticlesUrl, example.GetRawText());
        Assert.Equal(HttpStatusCode.Created, status);
        var id = article.GetProperty("id").GetString();

        var translation = document.RootElement.GetProperty("paths").GetProperty($"{ArticlesUrl}/{{id}}/translations/{{lang}}").GetProperty("put")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal(HttpStatusCode.Created, (await Admin.SendAsync(HttpMethod.Put, $"{ArticlesUrl}/{id}/translations/zh-Hans", translation.GetRawText(), etag)).Status);
    }

    private async Task<JsonDocument> SwaggerAsync()
    {
        var response = await Anonymous.GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
