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
}
