using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Background;
using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Editorial.Publishing;

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
    IServiceScopeFactory scopes, TimeProvider time, IOptions<SchedulingOptions> options, ILogger<ScheduledPublisher> logger)
    : PollingWorker(time, logger)
{
    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        await PublishDueAsync(stoppingToken);
        return false;
    }

    /// <summary>Publishes every due article, each in its own transaction, so one that fails cannot hold back the others.</summary>
    internal async Task PublishDueAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = Time.GetUtcNow();
            due = await scope.ServiceProvider.GetRequiredService<CommentaryDbContext>().Articles.AsNoTracking()
                .Where(a => a.ScheduledAt <= now && a.DeletedAt == null && (a.ScheduleRetryAt == null || a.ScheduleRetryAt <= now))
                .OrderBy(a => a.ScheduledAt)
                .Select(a => a.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        foreach (var id in due)
        {
            try
            {
                await PublishIfStillDueAsync(id, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The claim's transaction could not hold the record (a failed commit, a lost connection).
                LogArticleFailed(Logger, id, e);
                await RecordFailureAsync(id, e, cancellationToken);
            }
        }
    }

    private const int BatchSize = 50;

    /// <summary>The first retry waits this long; each further failure doubles the wait, up to <see cref="MaxRetryDelay"/>.</summary>
    internal static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(30);

    internal static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    /// <summary>
    /// Records the failure on the article, for the management API to report, and when to try again: a publication that
    /// fails every time (content the database refuses) waits ever longer instead of being retried on every round, and
    /// is out of the way of the articles due after it. The schedule stays until an editor changes or cancels it.
    /// </summary>
    private void RecordFailure(Article article, Exception failure)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Min(article.ScheduleFailures, 16));
        article.ScheduleFailures++;
        article.ScheduleLastError = Describe(failure);
        article.ScheduleRetryAt = Time.GetUtcNow() + (delay < MaxRetryDelay ? delay : MaxRetryDelay);
    }

    /// <summary>The fallback when the claim's own transaction is gone: records the failure in a fresh one.</summary>
    private async Task RecordFailureAsync(Guid id, Exception failure, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CommentaryDbContext>();
            var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id && a.ScheduledAt != null, cancellationToken);
            if (article is null)
            {
                return;
            }

            RecordFailure(article, failure);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next round finds the article due again and tries once more; nothing is lost but the record.
            LogFailureNotRecorded(Logger, id, e);
        }
    }

    /// <summary>What an editor can act on: the database's own message when it refused the content, else the error's.</summary>
    private static string Describe(Exception failure)
    {
        var message = (failure.InnerException as Npgsql.PostgresException ?? failure as Npgsql.PostgresException)?.MessageText ?? failure.Message;
        return message.Length <= Article.ScheduleErrorMaxLength ? message : message[..Article.ScheduleErrorMaxLength];
    }

    private async Task PublishIfStillDueAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommentaryDbContext>();
        var publisher = scope.ServiceProvider.GetRequiredService<ArticlePublisher>();
        var now = Time.GetUtcNow();

        // Another instance (or an editor's save) holding the row skips it here; it is no longer due once they commit.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM articles WHERE id = {id} AND scheduled_at <= {now} AND (schedule_retry_at IS NULL OR schedule_retry_at <= {now}) AND deleted_at IS NULL FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return;
        }

        // The claim's lock is held until the failure is recorded, so another instance cannot retry in between.
        await transaction.CreateSavepointAsync(BeforePublish, cancellationToken);
        try
        {
            var article = (await ArticleEditing.LoadAsync(db, id.ToString(), cancellationToken))!;
            // A schedule made before schedules froze their content publishes the draft of the languages it named.
            var content = article.ScheduledContent ?? new ScheduledContent(
                article.Translations.Where(t => article.ScheduledLanguages.Length == 0 || article.ScheduledLanguages.Contains(t.Language))
                    .ToDictionary(t => t.Language, t => t.Revision),
                article.DraftParts,
                article.PartsRevision,
                "scheduler");
            article.ClearSchedule();
            if ((await publisher.PublishScheduledAsync(article, content, now, cancellationToken)).Count == 0)
            {
                // Every scheduled language was deleted meanwhile: nothing to publish, but the schedule is done.
                article.Touch(now);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogPublished(Logger, article.Id, article.Slug);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (!await TryRecordInClaimAsync(db, transaction, id, e, cancellationToken))
            {
                throw;
            }

            LogArticleFailed(Logger, id, e);
        }
    }

    /// <summary>Records the failure in the claim's transaction; false when that transaction is gone (a failed commit).</summary>
    private async Task<bool> TryRecordInClaimAsync(
        CommentaryDbContext db, IDbContextTransaction transaction, Guid id, Exception failure,
        CancellationToken cancellationToken)
    {
        try
        {
            await transaction.RollbackToSavepointAsync(BeforePublish, cancellationToken);
            db.ChangeTracker.Clear();
            RecordFailure(await db.Articles.SingleAsync(a => a.Id == id, cancellationToken), failure);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    private const string BeforePublish = "before_publish";

    [LoggerMessage(LogLevel.Information, "Published scheduled article {ArticleId} ({Slug})")]
    private static partial void LogPublished(ILogger logger, Guid articleId, string slug);

    [LoggerMessage(LogLevel.Warning, "Publishing scheduled article {ArticleId} failed; recorded on the article and retried later")]
    private static partial void LogArticleFailed(ILogger logger, Guid articleId, Exception exception);

    [LoggerMessage(LogLevel.Warning, "The failure of scheduled article {ArticleId} could not be recorded")]
    private static partial void LogFailureNotRecorded(ILogger logger, Guid articleId, Exception exception);
}
