using Commentary.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Features.Publishing;

public sealed class SchedulingOptions
{
    /// <summary>How often due publications are looked for; a schedule fires at most this late.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Publishes scheduled articles when they fall due. The schedule lives in the database, so it survives restarts;
/// each due article is claimed with <c>FOR UPDATE SKIP LOCKED</c>, so several API instances never publish one twice.
/// </summary>
internal sealed partial class ScheduledPublisher(
    IServiceScopeFactory scopes, TimeProvider time, Microsoft.Extensions.Options.IOptions<SchedulingOptions> options, ILogger<ScheduledPublisher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                while (await PublishNextDueAsync(stoppingToken))
                {
                    // Drain everything that is due before sleeping again.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must survive a database outage or a not-yet-migrated database; the next tick retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Publishes one due article in its own transaction; false when none is due.</summary>
    internal async Task<bool> PublishNextDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommentaryDbContext>();
        var publisher = scope.ServiceProvider.GetRequiredService<ArticlePublisher>();
        var now = time.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM articles WHERE scheduled_at <= {now} AND deleted_at IS NULL ORDER BY scheduled_at LIMIT 1 FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return false;
        }

        var article = await db.Articles.Include(a => a.Translations).FirstAsync(a => a.Id == claimed[0], cancellationToken);
        var languages = article.ScheduledLanguages.Where(l => article.Translations.Exists(t => t.Language == l)).ToArray();
        var everything = article.ScheduledLanguages.Length == 0;
        article.ScheduledAt = null;
        article.ScheduledLanguages = [];
        if (everything || languages.Length > 0)
        {
            publisher.Publish(article, languages, now);
        }
        else
        {
            // Every scheduled language was deleted meanwhile: nothing to publish, but the schedule is done.
            article.Touch(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogPublished(logger, article.Id, article.Slug);
        return true;
    }

    [LoggerMessage(LogLevel.Information, "Published scheduled article {ArticleId} ({Slug})")]
    private static partial void LogPublished(ILogger logger, Guid articleId, string slug);

    [LoggerMessage(LogLevel.Warning, "Scheduled publishing failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
