using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Commentary.Api.Content;
using Commentary.Api.Partners.Sync;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Tests.Infrastructure;
using Commentary.Api.Tests.Partners.Sync;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Tests.Robustness;

/// <summary>
/// RELIABILITY.md H1/H2 in small: 16 clients for ~8 s over the real pipeline, 90 % public reads (article, list, search,
/// feed) and 10 % editor saves + publishes, each writer on its own article, while a partner follows the change feed.
/// Zero errors, memory after a full GC stays within 2x of the warmed-up value, and the partner's mirror equals the
/// published set at the end.
/// </summary>
public sealed class MixedLoadTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const int Workers = 16;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan Run = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task MixedReadsAndWrites_NoErrors_SteadyMemory_PartnerMirrorMatches()
    {
        var seeder = new ContentSeeder(Factory.Services);
        var topic = await seeder.TopicAsync("load", ContentSeeder.Text("Load"));
        var slugs = new List<string>();
        var owned = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            var id = await seeder.SimpleAsync($"load-{i}", $"Load article {i}", $"Harbor cranes and shipping lanes, part {i}.", topics: [topic.Id]);
            slugs.Add($"load-{i}");
            if (i < Workers)
            {
                owned.Add(id);
            }
        }

        var editor = await ClientForRoleAsync(Roles.Editor);
        var partner = new PartnerFeed(await ClientForRoleAsync(Roles.Partner));
        var mirror = new Dictionary<(string Id, string Language), string>();
        var failures = new ConcurrentQueue<string>();
        var counts = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        long? warmMemory = null;

        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            var anonymous = Factory.CreateClient();
            var articleId = owned[w].ToString();
            var etag = (await editor.GetAsync($"/api/manage/articles/{articleId}")).Headers.ETag!.ToString();
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var roll = random.Next(100);
                if (roll < 10)
                {
                    etag = await WriteAsync(editor, articleId, etag, $"Load article {w} edit {n}", failures, counts);
                    continue;
                }

                var url = (roll % 4) switch
                {
                    0 => $"/api/articles/{slugs[random.Next(slugs.Count)]}?lang={(random.Next(2) == 0 ? "en" : "zh-Hant")}",
                    1 => $"/api/articles?limit={random.Next(1, 30)}&topic=load",
                    2 => $"/api/search?q={(random.Next(2) == 0 ? "harbor" : "cranes")}&limit={random.Next(1, 20)}",
                    _ => "/feeds/en/rss.xml",
                };
                using var response = await anonymous.GetAsync(url);
                await response.Content.LoadIntoBufferAsync();
                counts.AddOrUpdate("read", 1, (_, c) => c + 1);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Enqueue($"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        })).ToList();

        var poller = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Apply(mirror, await partner.NextAsync(200));
                if (warmMemory is null && clock.Elapsed > WarmUp)
                {
                    warmMemory = ManagedMemoryAfterFullGc();
                }

                await Task.Delay(100);
            }
        });

        await Task.Delay(WarmUp + Run);
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        await poller;
        var endMemory = ManagedMemoryAfterFullGc();

        Assert.True(failures.IsEmpty, $"{failures.Count} failures:\n{string.Join("\n", failures.Take(20))}");
        Assert.True(counts.GetValueOrDefault("read") > 500 && counts.GetValueOrDefault("write") > 20,
            $"too little load: {counts.GetValueOrDefault("read")} reads, {counts.GetValueOrDefault("write")} writes");
        Assert.NotNull(warmMemory);
        Assert.True(endMemory < 2 * warmMemory, $"managed memory grew from {warmMemory / 1_048_576} MiB after warm-up to {endMemory / 1_048_576} MiB");

        PartnerChangesPage page;
        do
        {
            page = await partner.NextAsync(1000);
            Apply(mirror, page);
        }
        while (page.HasMore);

        await using var db = CreateDbContext();
        var published = await db.Articles.Where(a => a.DeletedAt == null)
            .SelectMany(a => a.Translations.Where(t => t.PublishedRevision != null).Select(t => new { ArticleId = a.Id, t.Language, t.PublishedTitle }))
            .ToListAsync();
        Assert.Equal(
            published.Select(p => $"{p.ArticleId} {p.Language} {p.PublishedTitle}").Order().ToArray(),
            mirror.Select(m => $"{m.Key.Id} {m.Key.Language} {m.Value}").Order().ToArray());
    }

    private static async Task<string> WriteAsync(HttpClient editor, string id, string etag, string title, ConcurrentQueue<string> failures, ConcurrentDictionary<string, int> counts)
    {
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/manage/articles/{id}/translations/en")
        {
            Content = JsonContent.Create(new { title, body = "Harbor cranes, edited under load." }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", etag);
        using var saved = await editor.SendAsync(put);
        if (saved.StatusCode != HttpStatusCode.OK)
        {
            failures.Enqueue($"PUT {id}: {(int)saved.StatusCode} {await saved.Content.ReadAsStringAsync()}");
            return (await editor.GetAsync($"/api/manage/articles/{id}")).Headers.ETag!.ToString();
        }

        var publish = new HttpRequestMessage(HttpMethod.Post, $"/api/manage/articles/{id}/publish") { Content = JsonContent.Create(new { }) };
        publish.Headers.TryAddWithoutValidation("If-Match", saved.Headers.ETag!.ToString());
        using var published = await editor.SendAsync(publish);
        counts.AddOrUpdate("write", 1, (_, c) => c + 1);
        if (published.StatusCode != HttpStatusCode.OK)
        {
            failures.Enqueue($"publish {id}: {(int)published.StatusCode} {await published.Content.ReadAsStringAsync()}");
            return (await editor.GetAsync($"/api/manage/articles/{id}")).Headers.ETag!.ToString();
        }

        return published.Headers.ETag!.ToString();
    }

    private static void Apply(Dictionary<(string Id, string Language), string> mirror, PartnerChangesPage page)
    {
        foreach (var change in page.Changes)
        {
            if (change.Type == "upsert")
            {
                mirror[(change.ArticleId, change.Language)] = change.Article!.Title;
            }
            else
            {
                mirror.Remove((change.ArticleId, change.Language));
            }
        }
    }

    private static long ManagedMemoryAfterFullGc()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
