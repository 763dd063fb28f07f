using System.Diagnostics;
using System.Globalization;
using Commentary.Api.Content;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Commentary.Api.Tests.Partners.Sync;

/// <summary>
/// Concurrent writers publish, edit, unpublish and delete while a partner follows the feed from an empty cursor; the
/// mirror it builds must equal the published set, no translation may ever go back to an older version, and no change row
/// may be delivered twice. The writers stop after <see cref="Operations"/> operations rather than after a fixed time, so a
/// slow machine runs longer instead of testing less.
/// </summary>
public sealed class ChangeFeedStressTests(ApiFixture fixture, ITestOutputHelper output) : ApiTest(fixture)
{
    private const int Writers = 8;
    private const int ArticlesPerWriter = 6;
    private const int Operations = 2_500;
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ConcurrentWriters_MirrorEqualsPublishedSet()
    {
        var seed = ContentSeeder.OnWallClock(Factory.Services);
        var partner = new PartnerFeed(await ClientForRoleAsync(Roles.Partner));
        var mirror = new Dictionary<(string, string), string>();
        var lastVersion = new Dictionary<(string, string), int>();
        var deliveries = new Dictionary<(string, string), int>();
        var operations = 0;
        var polls = 0;
        var history = new List<string>();

        void Apply(IEnumerable<Commentary.Api.Partners.Sync.PartnerChange> changes)
        {
            foreach (var change in changes)
            {
                var key = (change.ArticleId, change.Language);
                deliveries[key] = deliveries.GetValueOrDefault(key) + 1;
                history.Add($"{polls} {change.ArticleId} {change.Language} {change.Type} {change.Article?.Title}");
                if (change.Type == "delete")
                {
                    mirror.Remove(key);
                    continue;
                }

                var version = VersionOf(change.Article!.Title);
                Assert.True(version >= lastVersion.GetValueOrDefault(key), $"{key} went back from v{lastVersion.GetValueOrDefault(key)} to v{version}");
                lastVersion[key] = version;
                mirror[key] = change.Article.Title;
            }
        }

        // Some content before the partner starts, so the catalogue export overlaps with the writers.
        var owned = new List<Guid>[Writers];
        for (var w = 0; w < Writers; w++)
        {
            owned[w] = [];
            for (var i = 0; i < ArticlesPerWriter; i++)
            {
                owned[w].Add(await seed.ArticleAsync($"w{w}-a{i}", "en", new Dictionary<string, string> { ["en"] = Title(w, i, "en", 0) }, publish: i % 2 == 0 ? null : []));
            }
        }

        using var stop = new CancellationTokenSource(Cap);
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            var versions = new Dictionary<Guid, int>();
            var created = 0;
            while (!stop.IsCancellationRequested)
            {
                var index = random.Next(owned[w].Count);
                var id = owned[w][index];
                var version = versions[id] = versions.GetValueOrDefault(id) + 1;
                var language = Language.All[random.Next(3)];
                var title = $"w{w} {id:N} {language} v{version.ToString("D6", CultureInfo.InvariantCulture)}";
                switch (random.Next(100))
                {
                    case < 35:
                        await seed.ChangeAsync(id, async (a, p, db, now) =>
                        {
                            ContentSeeder.SaveDraft(db, a, language, ContentSeeder.Content(title, language), now);
                            await p.PublishDraftAsync(a, [language], "seed", now, CancellationToken.None);
                        });
                        break;
                    case < 50:
                        await seed.EditDraftAsync(id, language, ContentSeeder.Content(title, language));
                        break;
                    case < 65:
                        await seed.PublishAsync(id);
                        break;
                    case < 85:
                        await seed.UnpublishAsync(id);
                        break;
                    default:
                        await seed.DeleteAsync(id);
                        owned[w][index] = await seed.ArticleAsync($"w{w}-n{created++}", "zh-Hant",
                            new Dictionary<string, string> { ["zh-Hant"] = $"w{w} new v000000" });
                        break;
                }

                if (Interlocked.Increment(ref operations) >= Operations)
                {
                    await stop.CancelAsync();
                }
            }
        })).ToList();

        var stopwatch = Stopwatch.StartNew();
        while (writers.Any(t => !t.IsCompleted))
        {
            var page = await partner.NextAsync(limit: 50);
            Apply(page.Changes);
            polls++;
            if (!page.HasMore)
            {
                await Task.Delay(20);
            }
        }

        await Task.WhenAll(writers);
        Apply(await partner.DrainAsync(limit: 200));
        output.WriteLine($"{operations} operations by {Writers} writers and {polls} polls in {stopwatch.Elapsed.TotalSeconds:F1} s");

        await using var db = CreateDbContext();
        var published = await PublishedAsync(db);
        Assert.True(operations >= Operations, $"only {operations} operations ran within {Cap.TotalSeconds} s");

        // The catalogue sends each translation at most once and the log each change row at most once (a page answers
        // several rows of one translation with one change), so more deliveries than rows + 1 would mean a duplicate.
        var rows = (await db.ContentChanges.GroupBy(c => new { c.ArticleId, c.Language }).Select(g => new { g.Key.ArticleId, g.Key.Language, Count = g.Count() }).ToListAsync())
            .ToDictionary(x => (x.ArticleId.ToString(), x.Language), x => x.Count);
        var duplicated = deliveries.Where(d => d.Value > rows.GetValueOrDefault(d.Key) + 1).Select(d => $"{d.Key}: {d.Value} deliveries, {rows.GetValueOrDefault(d.Key)} rows").ToList();
        Assert.True(duplicated.Count == 0, string.Join("\n", duplicated));
        var wrong = published.Keys.Union(mirror.Keys)
            .Where(k => published.GetValueOrDefault(k) != mirror.GetValueOrDefault(k))
            .Select(k => $"{k}: published '{published.GetValueOrDefault(k)}', mirror '{mirror.GetValueOrDefault(k)}'\n  "
                + string.Join("\n  ", history.Where(h => h.Contains(k.Item1, StringComparison.Ordinal))))
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static async Task<Dictionary<(string, string), string>> PublishedAsync(CommentaryDbContext db) =>
        (await (from t in db.Translations
                join a in db.Articles on t.ArticleId equals a.Id
                where a.DeletedAt == null && t.PublishedRevision != null
                select new { a.Id, t.Language, t.PublishedTitle }).ToListAsync())
        .ToDictionary(x => (x.Id.ToString(), x.Language), x => x.PublishedTitle!);

    private static string Title(int writer, int index, string language, int version) =>
        $"w{writer} a{index} {language} v{version.ToString("D6", CultureInfo.InvariantCulture)}";

    private static int VersionOf(string title) => int.Parse(title[(title.LastIndexOf('v') + 1)..], CultureInfo.InvariantCulture);
}
