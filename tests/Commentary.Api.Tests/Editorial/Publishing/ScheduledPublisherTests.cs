using Commentary.Api.Content;
using Commentary.Api.Editorial.Publishing;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Tests.Editorial.Publishing;

public sealed class ScheduledPublisherTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task SeveralInstancesAtOnce_PublishEachDueArticleExactlyOnce()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(Guid.Parse((await Admin.CreateArticleAsync($"Due {i}")).Id));
        }

        await using (var db = CreateDbContext())
        {
            // Due a moment ago, as after a restart that missed the instant.
            await db.Articles.ExecuteUpdateAsync(a => a.SetProperty(x => x.ScheduledAt, DateTimeOffset.UtcNow.AddSeconds(-5)));
        }

        var instances = Enumerable.Range(0, 4).Select(_ => new ScheduledPublisher(
            Factory.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System,
            Options.Create(new SchedulingOptions()), NullLogger<ScheduledPublisher>.Instance)).ToList();
        await Task.WhenAll(instances.Select(p => p.PublishDueAsync(CancellationToken.None)));

        await using var check = CreateDbContext();
        Assert.All(await check.Articles.Include(a => a.Translations).ToListAsync(), a =>
        {
            Assert.Null(a.ScheduledAt);
            Assert.NotNull(a.Translations.Single().PublishedRevision);
        });
        var changes = await check.ContentChanges.GroupBy(c => c.ArticleId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(6, changes.Count);
        Assert.All(changes, count => Assert.Equal(1, count));
    }

    /// <summary>
    /// A publication that keeps failing is recorded on the article (the management API reports it), retried later with a
    /// growing wait, and never holds back the others: more failing articles than one round takes are due before a good one.
    /// </summary>
    [Fact]
    public async Task FailingPublications_AreRecordedAndBackedOff_AndNeverBlockTheOthers()
    {
        var doomed = new List<string>();
        for (var i = 0; i < 51; i++)
        {
            doomed.Add((await Admin.CreateArticleAsync($"Doomed {i}")).Id);
        }

        var good = (await Admin.CreateArticleAsync("Fine")).Id;
        await using (var db = CreateDbContext())
        {
            // Due a moment ago, the doomed ones first; any publish of a doomed title fails inside the database.
            var now = DateTimeOffset.UtcNow;
            await db.Articles.ExecuteUpdateAsync(a => a.SetProperty(x => x.ScheduledAt, now.AddSeconds(-5)));
            await db.Articles.Where(a => a.Id == Guid.Parse(good)).ExecuteUpdateAsync(a => a.SetProperty(x => x.ScheduledAt, now.AddSeconds(-1)));
            await db.Database.ExecuteSqlRawAsync(DoomedTrigger);
        }

        try
        {
            var publisher = new ScheduledPublisher(Factory.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System,
                Options.Create(new SchedulingOptions()), NullLogger<ScheduledPublisher>.Instance);
            await publisher.PublishDueAsync(CancellationToken.None);
            await publisher.PublishDueAsync(CancellationToken.None);
            await WaitUntilNothingIsDueAsync(CreateDbContext);

            var fine = await Admin.GetArticleAsync(good);
            Assert.Equal("published", fine.GetProperty("status").GetString());
            var failed = await Admin.GetArticleAsync(doomed[0]);
            Assert.Equal("scheduled", failed.GetProperty("status").GetString());
            var schedule = failed.GetProperty("schedule");
            Assert.Equal(1, schedule.GetProperty("failures").GetInt32());
            Assert.Contains("doomed", schedule.GetProperty("lastError").GetString());
            Assert.True(schedule.GetProperty("retryAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        }
        finally
        {
            await using var db = CreateDbContext();
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS doomed_publish ON translations; DROP FUNCTION IF EXISTS doomed_publish();");
            await db.Articles.ExecuteUpdateAsync(a => a.SetProperty(x => x.ScheduledAt, (DateTimeOffset?)null));
        }
    }

    /// <summary>
    /// The app's own scheduler runs too and may hold a due article (SKIP LOCKED makes a test's instance pass it by):
    /// waits until every due article that has not failed is published.
    /// </summary>
    internal static async Task WaitUntilNothingIsDueAsync(Func<Commentary.Api.Platform.Database.CommentaryDbContext> createDb)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await using var db = createDb();
            var now = DateTimeOffset.UtcNow;
            if (!await db.Articles.AnyAsync(a => a.ScheduledAt <= now && a.ScheduleFailures == 0 && a.DeletedAt == null))
            {
                return;
            }

            await Task.Delay(100);
        }
    }

    private const string DoomedTrigger = """
        CREATE FUNCTION doomed_publish() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.published_revision IS NOT NULL AND NEW.title LIKE 'Doomed%' THEN
                RAISE EXCEPTION 'doomed article cannot be published';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER doomed_publish BEFORE UPDATE ON translations FOR EACH ROW EXECUTE FUNCTION doomed_publish();
        """;
}
