using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Background;
using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;
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
                .Where(a => a.ScheduledAt <= now && a.DeletedAt == null)
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
                LogArticleFailed(Logger, id, e);
            }
        }
    }

    private const int BatchSize = 50;

    private async Task PublishIfStillDueAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommentaryDbContext>();
        var publisher = scope.ServiceProvider.GetRequiredService<ArticlePublisher>();
        var now = Time.GetUtcNow();

        // Another instance (or an editor's save) holding the row skips it here; it is no longer due once they commit.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM articles WHERE id = {id} AND scheduled_at <= {now} AND deleted_at IS NULL FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return;
        }

        var article = (await ArticleEditing.LoadAsync(db, id.ToString(), cancellationToken))!;
        // A schedule made before schedules froze their content publishes the draft of the languages it named.
        var content = article.ScheduledContent ?? new ScheduledContent(
            article.Translations.Where(t => article.ScheduledLanguages.Length == 0 || article.ScheduledLanguages.Contains(t.Language))
                .ToDictionary(t => t.Language, t => t.Revision),
            article.DraftParts,
            article.PartsRevision,
            "scheduler");
        article.ScheduledAt = null;
        article.ScheduledLanguages = [];
        article.ScheduledContent = null;
        if ((await publisher.PublishScheduledAsync(article, content, now, cancellationToken)).Count == 0)
        {
            // Every scheduled language was deleted meanwhile: nothing to publish, but the schedule is done.
            article.Touch(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogPublished(Logger, article.Id, article.Slug);
    }

    [LoggerMessage(LogLevel.Information, "Published scheduled article {ArticleId} ({Slug})")]
    private static partial void LogPublished(ILogger logger, Guid articleId, string slug);

    [LoggerMessage(LogLevel.Warning, "Publishing scheduled article {ArticleId} failed; retrying on the next round")]
    private static partial void LogArticleFailed(ILogger logger, Guid articleId, Exception exception);
}
