using System.Text.Json;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Editorial.Preview;

public sealed class PreviewOpenApiTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Theory]
    [InlineData("/api/manage/articles/{id}/preview", "get", "translator", "200 400 401 403 404")]
    [InlineData("/api/manage/articles/{id}/preview-links", "post", "editor", "201 400 401 403 404")]
    [InlineData("/api/manage/articles/{id}/preview-links", "get", "editor", "200 400 401 403 404")]
    [InlineData("/api/manage/articles/{id}/preview-links", "delete", "editor", "204 401 403 404")]
    [InlineData("/api/manage/articles/{id}/preview-links/{token}", "delete", "editor", "204 401 403 404")]
    [InlineData("/api/preview/{token}", "get", null, "200 404")]
    public async Task EveryPreviewOperation_IsDocumented(string path, string method, string? role, string statuses)
    {
        using var document = JsonDocument.Parse(await Anonymous.GetStringAsync("/swagger/v1/swagger.json"));
        var operation = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("operationId").GetString()));
        var responses = operation.GetProperty("responses");
        Assert.All(statuses.Split(' '), status => Assert.True(responses.TryGetProperty(status, out _), $"{method} {path} lacks {status}"));
        // Protected operations name the key; public ones declare none (security: []).
        Assert.Equal(role is not null, operation.GetProperty("security").GetArrayLength() > 0);
        if (role is not null)
        {
            Assert.StartsWith($"Role: {role} or above.", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        if (path.EndsWith("/preview", StringComparison.Ordinal) || path.StartsWith("/api/preview", StringComparison.Ordinal))
        {
            var schema = responses.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;
            Assert.True(document.RootElement.GetProperty("components").GetProperty("schemas").TryGetProperty(schema.Split('/')[^1], out _), schema);
        }
    }
}
