using System.Net;
using System.Text.Json;
using Commentary.Api.Partners.Sync;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Platform.Paging;

/// <summary>Every list, public and management, reads limit and cursor one way and words the same mistake the same way.</summary>
public sealed class PageRequestTests(ApiFixture fixture) : ApiTest(fixture)
{
    public static TheoryData<string, string, int> Lists => new()
    {
        { "/api/articles", "anonymous", PageLimits.Max },
        { "/api/search?q=china", "anonymous", PageLimits.Max },
        { "/api/topics", "anonymous", PageLimits.Max },
        { "/api/sources", "anonymous", PageLimits.Max },
        { "/api/manage/articles", Roles.Admin, PageLimits.Max },
        { "/api/manage/topics", Roles.Admin, PageLimits.Max },
        { "/api/manage/authors", Roles.Admin, PageLimits.Max },
        { "/api/manage/sources", Roles.Admin, PageLimits.Max },
        { "/api/manage/keys", Roles.Admin, PageLimits.Max },
        { $"/api/manage/webhooks/{Guid.Empty}/deliveries", Roles.Admin, PageLimits.Max },
        { "/api/partner/changes", Roles.Partner, GetChanges.MaxLimit },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task BadLimit_IsOneMessageOnEveryList(string route, string caller, int max)
    {
        var client = await ClientAsync(caller);
        foreach (var limit in new[] { "abc", "0", "-1", (max + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "1.5" })
        {
            var errors = await ErrorsAsync(client, $"{route}{Separator(route)}limit={limit}");
            Assert.Equal([PageRequest.LimitRule(max)], errors["limit"]);
        }
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task ForgedCursor_IsOneMessageOnEveryList(string route, string caller, int max)
    {
        _ = max;
        var client = await ClientAsync(caller);
        var errors = await ErrorsAsync(client, $"{route}{Separator(route)}cursor=not-a-cursor");
        Assert.Equal([PageRequest.InvalidCursor], errors["cursor"]);
    }

    [Fact]
    public async Task CursorOfAnotherList_IsRefused()
    {
        var codec = Factory.Services.GetRequiredService<CursorCodec>();
        var topicsCursor = codec.Encode("topics", "a");
        var errors = await ErrorsAsync(Admin, $"/api/manage/keys?cursor={topicsCursor}");
        Assert.Equal([PageRequest.InvalidCursor], errors["cursor"]);
    }

    [Fact]
    public async Task OpenApi_DocumentsLimitAsAnIntegerOnEveryList()
    {
        using var document = JsonDocument.Parse(await Anonymous.GetStringAsync("/swagger/v1/swagger.json"));
        var limits = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Route: $"{operation.Name} {path.Name}", Operation: operation.Value)))
            .SelectMany(o => o.Operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("name").GetString() == "limit").Select(p => (o.Route, Parameter: p))
                : [])
            .ToList();

        Assert.True(limits.Count >= Lists.Count, $"only {limits.Count} operations document limit");
        Assert.All(limits, l => Assert.Equal("integer", l.Parameter.GetProperty("schema").GetProperty("type").GetString()));
        Assert.Single(limits, l => l.Route == "get /api/manage/keys");
    }

    private async Task<HttpClient> ClientAsync(string caller) => caller switch
    {
        "anonymous" => Anonymous,
        Roles.Admin => Admin,
        _ => await ClientForRoleAsync(caller),
    };

    private static string Separator(string route) => route.Contains('?', StringComparison.Ordinal) ? "&" : "?";

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpClient client, string uri)
    {
        var response = await client.GetAsync(uri);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{uri}: {(int)response.StatusCode} {body}");
        using var problem = JsonDocument.Parse(body);
        return problem.RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}
