using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Database;

namespace Commentary.Api.Content.Journal;

/// <summary>What readers saw happen to an article: the four events partners subscribe to.</summary>
public enum PublicChangeKind
{
    Published,
    Updated,
    Unpublished,
    Deleted,
}

/// <summary>One article's public change, as the journal announces it to subscribers (webhooks, ...).</summary>
public sealed record PublicChange(PublicChangeKind Kind, Guid ArticleId, string Slug, IReadOnlyList<string> Languages, DateTimeOffset At);

/// <summary>
/// An area that reacts to public changes in the writer's own unit of work (so its reaction commits or rolls back with
/// the change). Registered in DI; the journal calls every subscriber, and the writer never names them.
/// </summary>
public interface IPublicChangeSubscriber
{
    void OnPublicChanges(CommentaryDbContext db, IReadOnlyList<PublicChange> changes);
}

/// <summary>
/// The one record every change of public content writes, in the writer's transaction: a <see cref="ContentChange"/>
/// row per article language (read by partner sync; a trigger on it queues prebuilt pages for rebuilding), and a
/// <see cref="PublicChange"/> announced to the subscribers. Writers save.
/// </summary>
public sealed class ContentJournal(CommentaryDbContext db, IEnumerable<IPublicChangeSubscriber> subscribers)
{
    /// <summary>Records that the public state of one language of an article may have changed.</summary>
    public void RecordChange(Guid articleId, string language, DateTimeOffset now) =>
        db.ContentChanges.Add(new ContentChange { ArticleId = articleId, Language = language, ChangedAt = now });

    /// <summary>Records a change row per language and announces one event.</summary>
    public void Record(PublicChangeKind kind, Article article, IReadOnlyList<string> languages, DateTimeOffset now)
    {
        foreach (var language in languages)
        {
            RecordChange(article.Id, language, now);
        }

        Announce([new PublicChange(kind, article.Id, article.Slug, languages, now)]);
    }

    /// <summary>Announces events whose change rows the caller recorded (or that need none).</summary>
    public void Announce(IReadOnlyList<PublicChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.OnPublicChanges(db, changes);
        }
    }
}
