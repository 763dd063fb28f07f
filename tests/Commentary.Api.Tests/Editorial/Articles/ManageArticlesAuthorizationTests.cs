using System.Net;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Tests.Infrastructure;
using static Commentary.Api.Tests.Infrastructure.ManageTestClient;

namespace Commentary.Api.Tests.Editorial.Articles;

public sealed class ManageArticlesAuthorizationTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const string Id = "0190a000-0000-7000-8000-000000000000";

    public static TheoryData<string, string, bool> Endpoints => new()
    {
        // method, path, editor only
        { "POST", ArticlesUrl, true },
        { "GET", ArticlesUrl, false },
        { "GET", $"{ArticlesUrl}/{Id}", false },
        { "PATCH", $"{ArticlesUrl}/{Id}", true },
        { "DELETE", $"{ArticlesUrl}/{Id}", true },
        { "PUT", $"{ArticlesUrl}/{Id}/translations/en", false },
        { "DELETE", $"{ArticlesUrl}/{Id}/translations/zh-Hans", true },
        { "POST", $"{ArticlesUrl}/{Id}/translations/zh-Hans/mark-current", false },
        { "GET", $"{ArticlesUrl}/{Id}/translations/en/revisions", false },
        { "GET", $"{ArticlesUrl}/{Id}/translations/en/revisions/1", false },
        { "POST", $"{ArticlesUrl}/{Id}/translations/en/revisions/1/restore", false },
        { "PUT", $"{ArticlesUrl}/{Id}/quotes", false },
        { "PUT", $"{ArticlesUrl}/{Id}/related", true },
        { "POST", $"{ArticlesUrl}/{Id}/publish", true },
        { "POST", $"{ArticlesUrl}/{Id}/unpublish", true },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task NoKey_Returns401(string method, string path, bool editorOnly)
    {
        _ = editorOnly;
        var (status, _, _) = await Anonymous.SendAsync(new HttpMethod(method), path, Body(method));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task PartnerKey_Returns403(string method, string path, bool editorOnly)
    {
        _ = editorOnly;
        var partner = await ClientForRoleAsync(Roles.Partner);
        var (status, _, _) = await partner.SendAsync(new HttpMethod(method), path, Body(method));
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task TranslatorKey_Returns403OnlyOnEditorRoutes(string method, string path, bool editorOnly)
    {
        var translator = await ClientForRoleAsync(Roles.Translator);
        var (status, _, _) = await translator.SendAsync(new HttpMethod(method), path, Body(method));
        if (editorOnly)
        {
            Assert.Equal(HttpStatusCode.Forbidden, status);
        }
        else
        {
            Assert.NotEqual(HttpStatusCode.Forbidden, status);
            Assert.NotEqual(HttpStatusCode.Unauthorized, status);
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EditorKey_IsAdmitted(string method, string path, bool editorOnly)
    {
        _ = editorOnly;
        var editor = await ClientForRoleAsync(Roles.Editor);
        var (status, _, _) = await editor.SendAsync(new HttpMethod(method), path, Body(method));
        Assert.NotEqual(HttpStatusCode.Forbidden, status);
        Assert.NotEqual(HttpStatusCode.Unauthorized, status);
        Assert.True((int)status < 500);
    }

    private static string? Body(string method) => method is "POST" or "PUT" or "PATCH" ? "{}" : null;
}
