using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Commentary.Api.Platform.Http;
using Commentary.Api.Tests.Infrastructure;
using Npgsql;

namespace Commentary.Api.Tests.Robustness;

/// <summary>
/// RELIABILITY.md G1/G3/G6: an editor keeps saving and publishing while the database server stops and starts again.
/// Every answer is a success, a 503 with Retry-After, or (after a 503 whose commit did land) a 412; afterwards the
/// article is in one consistent state: its version, revisions and change-log rows all account for the same writes.
/// Runs on a cluster of its own, since it stops the server.
/// </summary>
public sealed class WriteDuringOutageTests : IAsyncLifetime
{
    private OwnClusterApp _app = null!;

    public async Task InitializeAsync() => _app = await OwnClusterApp.StartAsync(builder => builder.UseSetting("Commentary:Webhooks:DispatcherEnabled", "false"));

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task WritesAcrossAServerStop_AreAllOrNothing_AndHealthAnswersQuickly()
    {
        var client = _app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OwnClusterApp.AdminKey);
        var created = await client.PostAsJsonAsync("/api/manage/articles", new { originalLanguage = "en", title = "Outage 0", body = "Body 0" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var before = await StateAsync(Guid.Parse(id));
        var publish = await SendAsync(client, HttpMethod.Post, $"/api/manage/articles/{id}/publish", new { languages = new[] { "en" } }, null);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var baseline = await StateAsync(Guid.Parse(id));
        var versionsPerPublish = baseline.Version - before.Version;

        var log = new WriteLog();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() => WriteUntilStoppedAsync(client, id, publish.Headers.ETag!.ToString(), log, stop.Token));
        await Task.Delay(400);

        await _app.StopDatabaseAsync();
        var watch = Stopwatch.StartNew();
        var ready = await client.GetAsync("/health/ready");
        var readyTime = watch.Elapsed;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.True(readyTime < TimeSpan.FromSeconds(4), $"/health/ready took {readyTime.TotalSeconds:F1} s during the outage");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        await Task.Delay(800);

        await _app.StartDatabaseAsync();
        var recovered = Stopwatch.StartNew();
        while ((await client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(recovered.Elapsed < TimeSpan.FromSeconds(10), "not ready 10 s after the server came back");
            await Task.Delay(100);
        }

        // Let the writer succeed a few times after the outage, then stop it.
        var successes = log.Successes;
        while (log.Successes < successes + 4 && recovered.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await writer;

        Assert.True(log.Unexpected.Count == 0, string.Join("\n", log.Unexpected));
        Assert.True(log.Unavailable > 0, "no write met the outage");
        Assert.True(log.Successes > 4, $"only {log.Successes} writes succeeded");

        var after = await StateAsync(Guid.Parse(id));
        var revisions = after.Revisions - baseline.Revisions;
        var changes = after.Changes - baseline.Changes;
        Assert.InRange(revisions, log.SavedOk, log.SavedOk + log.SavedUnknown);
        Assert.InRange(changes, log.PublishedOk, log.PublishedOk + log.PublishedUnknown);
        Assert.Equal(revisions + (versionsPerPublish * changes), after.Version - baseline.Version);
        Assert.Equal(after.Revisions, after.DraftRevision);
        Assert.Equal(after.LatestRevisionTitle, after.DraftTitle);
        Assert.Equal(after.PublishedRevisionTitle, after.PublishedTitle);
        var current = await client.GetAsync($"/api/manage/articles/{id}");
        Assert.Equal(ETags.ForVersion(after.Version), current.Headers.ETag?.ToString());
    }

    private static async Task WriteUntilStoppedAsync(HttpClient client, string id, string etag, WriteLog log, CancellationToken stop)
    {
        var unknown = false;
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var saving = n % 2 == 1;
            var response = saving
                ? await SendAsync(client, HttpMethod.Put, $"/api/manage/articles/{id}/translations/en", new { title = $"Outage {n}", body = $"Body {n}" }, etag)
                : await SendAsync(client, HttpMethod.Post, $"/api/manage/articles/{id}/publish", new { languages = new[] { "en" } }, etag);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    etag = response.Headers.ETag!.ToString();
                    log.Record(saving, ok: true);
                    unknown = false;
                    break;
                case HttpStatusCode.ServiceUnavailable when response.Headers.RetryAfter is not null:
                    log.Record(saving, ok: false);
                    unknown = true;
                    await Task.Delay(50, CancellationToken.None);
                    break;
                case HttpStatusCode.PreconditionFailed when unknown:
                    // A commit that landed although its answer was a 503: take the new version and go on.
                    var fresh = await client.GetAsync($"/api/manage/articles/{id}", CancellationToken.None);
                    etag = fresh.Headers.ETag?.ToString() ?? etag;
                    break;
                default:
                    log.Unexpected.Add($"{(saving ? "PUT" : "publish")} {n}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                    break;
            }
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request, CancellationToken.None);
    }

    private async Task<ArticleState> StateAsync(Guid id)
    {
        // Unpooled: a pooled connection from before the restart would be dead.
        await using var connection = new NpgsqlConnection(_app.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT a.version, t.revision, t.title, t.published_title,
                   (SELECT count(*) FROM translation_revisions r WHERE r.translation_id = t.id),
                   (SELECT r.title FROM translation_revisions r WHERE r.translation_id = t.id ORDER BY r.number DESC LIMIT 1),
                   (SELECT r.title FROM translation_revisions r WHERE r.translation_id = t.id AND r.number = t.published_revision),
                   (SELECT count(*) FROM content_changes c WHERE c.article_id = a.id)
            FROM articles a JOIN translations t ON t.article_id = a.id AND t.language = 'en'
            WHERE a.id = @id
            """, connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return new ArticleState(reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetInt64(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt64(7));
    }

    private sealed record ArticleState(int Version, int DraftRevision, string DraftTitle, string? PublishedTitle, long Revisions, string LatestRevisionTitle, string? PublishedRevisionTitle, long Changes);

    private sealed class WriteLog
    {
        public List<string> Unexpected { get; } = [];

        public int SavedOk { get; private set; }

        public int SavedUnknown { get; private set; }

        public int PublishedOk { get; private set; }

        public int PublishedUnknown { get; private set; }

        public int Unavailable => SavedUnknown + PublishedUnknown;

        public int Successes => Volatile.Read(ref _successes);

        private int _successes;

        public void Record(bool saving, bool ok)
        {
            if (ok)
            {
                Interlocked.Increment(ref _successes);
            }

            _ = (saving, ok) switch
            {
                (true, true) => SavedOk++,
                (true, false) => SavedUnknown++,
                (false, true) => PublishedOk++,
                (false, false) => PublishedUnknown++,
            };
        }
    }
}
