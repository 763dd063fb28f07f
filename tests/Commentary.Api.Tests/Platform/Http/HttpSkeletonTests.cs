using System.Net;
using System.Text.Json;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Platform.Http;

public sealed class HttpSkeletonTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_Returns200(string path)
    {
        var response = await Anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SwaggerDocument_DeclaresBearerKeyScheme()
    {
        var response = await Anonymous.GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        var response = await Anonymous.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownArticle_Returns404ProblemWithTraceId()
    {
        var response = await Anonymous.GetAsync("/api/articles/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("not_found", problem.RootElement.GetProperty("errorCode").GetString());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task UnknownLanguage_Returns400ListingSupportedTags()
    {
        var response = await Anonymous.GetAsync("/api/articles/anything?lang=fr");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("zh-Hant", body, StringComparison.Ordinal);
        Assert.Contains("\"lang\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyInQueryString_Returns400()
    {
        var response = await Anonymous.GetAsync("/api/articles/anything?api_key=cmk_x");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Responses_AreNosniff()
    {
        var response = await Anonymous.GetAsync("/health/live");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task BodyTooLarge_Returns413_AndSaysTheConnectionCloses()
    {
        var declared = new StringContent(new string('a', 1_100_000), System.Text.Encoding.UTF8, "application/json");
        using var refusedUpFront = await Admin.PostAsync("/api/manage/articles", declared);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refusedUpFront.StatusCode);
        Assert.True(refusedUpFront.Headers.ConnectionClose, "a 413 for a declared length must say Connection: close");
    }
}
