using System.Net;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Platform.Http;

/// <summary>
/// Route values reach handlers without a validator: broken UTF-8 in a slug, id or language is a 404 or 400, never a 500.
/// (A NUL in the path never gets this far: the server refuses it before routing.)
/// </summary>
public sealed class RouteValueTests(ApiFixture fixture) : ApiTest(fixture)
{
    public static TheoryData<string> Paths()
    {
        var data = new TheoryData<string>();
        foreach (var value in new[] { "%ED%A0%80", "%FF", "%C0%AF" })
        {
            foreach (var pattern in new[]
            {
                "/api/articles/{0}", "/api/articles/{0}/related", "/api/topics/{0}", "/api/authors/{0}", "/api/sources/{0}",
                "/api/manage/articles/{0}", "/api/manage/topics/{0}", "/api/manage/authors/{0}", "/api/manage/sources/{0}",
                "/api/manage/articles/00000000-0000-0000-0000-000000000000/translations/{0}/revisions",
            })
            {
                data.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, value));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task BrokenRouteValue_IsAClientError(string path)
    {
        var response = await Admin.GetAsync(path);
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
    }
}
