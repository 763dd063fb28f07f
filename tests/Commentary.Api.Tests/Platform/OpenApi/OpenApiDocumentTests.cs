using System.Net;
using System.Text;
using System.Text.Json;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Platform.OpenApi;

public sealed class OpenApiDocumentTests(ApiFixture fixture) : ApiTest(fixture)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    private static readonly string[] ExampleRoutes = ["/api/manage/keys", "/api/manage/sources", "/api/manage/authors", "/api/manage/topics"];

    [Fact]
    public async Task EveryOperation_HasUniqueOperationIdAndSummary()
    {
        using var document = await ReadDocumentAsync();
        var ids = new List<string>();
        foreach (var (method, path, operation) in Operations(document))
        {
            Assert.True(operation.TryGetProperty("operationId", out var id) && id.GetString() is { Length: > 0 }, $"{method} {path} has no operationId");
            Assert.True(operation.TryGetProperty("summary", out var summary) && summary.GetString() is { Length: > 0 }, $"{method} {path} has no summary");
            ids.Add(id.GetString()!);
        }

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task EveryManagementOperation_DeclaresTheApiKeyRequirement()
    {
        using var document = await ReadDocumentAsync();
        foreach (var (method, path, operation) in Operations(document).Where(o => o.Path.StartsWith("/api/manage", StringComparison.Ordinal)))
        {
            var declared = operation.TryGetProperty("security", out var security)
                && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("ApiKey", out _));
            Assert.True(declared, $"{method} {path} does not declare the ApiKey security requirement");
            Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{method} {path} does not document 401");
        }
    }

    [Fact]
    public async Task PublicOperations_DeclareNoSecurity_AndTheServerIsTheConfiguredApiUrl()
    {
        using var document = await ReadDocumentAsync();
        Assert.Equal("http://localhost", document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
        foreach (var (method, path, operation) in Operations(document).Where(o => !o.Path.StartsWith("/api/manage", StringComparison.Ordinal) && !o.Path.StartsWith("/api/partner", StringComparison.Ordinal)))
        {
            Assert.True(operation.TryGetProperty("security", out var security) && security.GetArrayLength() == 0, $"{method} {path} does not declare security: []");
        }
    }

    [Fact]
    public async Task ClosedSets_AreStringEnums()
    {
        using var document = await ReadDocumentAsync();
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        Assert.Equal(["admin", "editor", "translator", "partner"], Enum(schemas.GetProperty("Keys.CreateKeyRequest").GetProperty("properties").GetProperty("role")));
        var source = schemas.GetProperty("Taxonomy.SourceRequest").GetProperty("properties");
        Assert.Equal(["person", "organization", "outlet"], Enum(source.GetProperty("kind")));
        Assert.Equal(["en", "zh-Hans", "zh-Hant"], source.GetProperty("name").GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.False(source.GetProperty("name").GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public async Task RequestExamples_WorkWhenSentAsIs()
    {
        using var document = await ReadDocumentAsync();
        foreach (var route in ExampleRoutes)
        {
            var example = document.RootElement.GetProperty("paths").GetProperty(route).GetProperty("post")
                .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");

            var response = await Admin.PostAsync(route, new StringContent(example.GetRawText(), Encoding.UTF8, "application/json"));

            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{route}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private async Task<JsonDocument> ReadDocumentAsync() => JsonDocument.Parse(await Anonymous.GetStringAsync("/swagger/v1/swagger.json"));

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonDocument document) =>
        from path in document.RootElement.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        where Methods.Contains(operation.Name)
        select (operation.Name, path.Name, operation.Value);

    private static string[] Enum(JsonElement schema) => [.. schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!)];
}
