using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Platform.Caching;

/// <summary>Two API processes as deployed (real Kestrel, one database, one Redis): an unpublish through one is gone from the other at once.</summary>
public sealed class SharedCacheAcrossProcessesTests(ApiFixture fixture, TestRedis redis) : ApiTest(fixture), IClassFixture<TestRedis>
{
    private readonly List<Process> _processes = [];

    [Fact]
    public async Task UnpublishThroughOneProcess_IsGoneFromTheOtherAtOnce()
    {
        await redis.FlushAsync();
        var id = await new ContentSeeder(Factory.Services).SimpleAsync("across", "Across processes");
        var (writerUrl, readerUrl) = (await StartAsync(), await StartAsync());
        using var http = new HttpClient();
        var page = $"{readerUrl}/api/articles/across";
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(page)).StatusCode);
        Assert.NotNull((await http.GetAsync(page)).Headers.Age);

        using var unpublish = new HttpRequestMessage(HttpMethod.Post, $"{writerUrl}/api/manage/articles/{id}/unpublish");
        unpublish.Headers.Authorization = new AuthenticationHeaderValue("Bearer", CommentaryApiFactory.AdminKey);
        Assert.True((await http.SendAsync(unpublish)).IsSuccessStatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(page)).StatusCode);
    }

    public override async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
        }

        await base.DisposeAsync();
    }

    private async Task<string> StartAsync()
    {
        var process = ApiProcess.StartOn(Fixture.Database.ConnectionString, out var url,
            ("ConnectionStrings__Redis", redis.ConnectionString), ("Commentary__Renditions__Worker", "false"), ("Commentary__Webhooks__DispatcherEnabled", "false"));
        _processes.Add(process);
        await ApiProcess.WaitUntilReadyAsync(url, process);
        return url;
    }
}
