using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Robustness;

/// <summary>
/// The deployment README's "Running several instances" describes, with real parts: two API processes (real Kestrel) on
/// one PostgreSQL primary, a streaming standby made by the provisioning code, and one Redis. Public reads go to the
/// standby, the output cache is Redis; a publish or unpublish through one process is seen by the next read on the other.
/// </summary>
public sealed partial class SeveralInstancesTests(TestRedis redis) : IClassFixture<TestRedis>, IAsyncLifetime
{
    private readonly List<Process> _processes = [];
    private OwnClusterApp _database = null!;
    private string _writer = "", _reader = "";

    public async Task InitializeAsync()
    {
        _database = await OwnClusterApp.StartAsync();
        await _database.StartStandbyAsync();
        (_writer, _reader) = (await StartAsync(), await StartAsync());
    }

    [Fact]
    public async Task PublishThroughOneProcess_IsReadFromTheStandbyOnTheOther_AndUnpublishIsGoneAtOnce()
    {
        using var editor = new HttpClient { BaseAddress = new Uri(_writer) };
        editor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CommentaryApiFactory.AdminKey);
        using var reader = new HttpClient();
        var (id, _) = await editor.CreateArticleAsync("Across the fleet", slug: "fleet");
        var page = $"{_reader}/api/articles/fleet";
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(page)).StatusCode);

        Assert.True((await editor.PostAsync($"/api/manage/articles/{id}/publish", JsonContent("{}"))).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(page)).StatusCode);
        Assert.NotNull((await reader.GetAsync(page)).Headers.Age);

        // Once the standby has replayed the publish, public reads are its to answer.
        var standbyReadsBefore = await StandbyReadsAsync(reader);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await StandbyReadsAsync(reader) == standbyReadsBefore)
        {
            Assert.True(DateTime.UtcNow < deadline, "no public read went to the standby within 20 s");
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"{_reader}/api/articles?limit={Random.Shared.Next(1, 100)}")).StatusCode);
        }

        Assert.True((await editor.PostAsync($"/api/manage/articles/{id}/unpublish", JsonContent("{}"))).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(page)).StatusCode);
        Assert.DoesNotContain("Across the fleet", await reader.GetStringAsync($"{_reader}/api/articles"), StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
        }

        await _database.DisposeAsync();
    }

    private async Task<string> StartAsync()
    {
        var process = ApiProcess.StartOn(_database.ConnectionString, out var url,
            ("ConnectionStrings__CommentaryStandby", _database.StandbyConnectionString),
            ("ConnectionStrings__Redis", redis.ConnectionString),
            ("Commentary__Renditions__Worker", "false"),
            ("Commentary__Webhooks__DispatcherEnabled", "false"));
        _processes.Add(process);
        await ApiProcess.WaitUntilReadyAsync(url, process);
        return url;
    }

    private async Task<long> StandbyReadsAsync(HttpClient client)
    {
        var ready = JsonDocument.Parse(await client.GetStringAsync($"{_reader}/health/ready")).RootElement;
        var standby = ready.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "standby");
        return long.Parse(StandbyReadCount().Match(standby.GetProperty("description").GetString()!).Groups[1].Value);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [GeneratedRegex(@"(\d+) on the standby")]
    private static partial Regex StandbyReadCount();
}
