using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;

namespace Commentary.Api.Editorial.Workflow;

/// <summary>
/// Copies an edition's shared parts into the rows readers are served from (the article's slug and original language,
/// its author, topic, quote and link rows). Rows that stay keep their keys (a quote's id pages a source's quotes), so
/// a publish that changes nothing writes nothing. The article's rows must be loaded and tracked.
/// </summary>
internal static class PublishedParts
{
    public static async Task ApplyAsync(CommentaryDbContext db, Article article, ArticleParts parts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (parts.Slug != article.Slug)
        {
            await ChangeSlugAsync(db, article, parts.Slug, now, cancellationToken);
        }

        article.PublishedOriginalLanguage = parts.OriginalLanguage;
        Sync(db, article.Authors, parts.Authors, a => a.TermId, id => id,
            (id, position) => new ArticleAuthor { ArticleId = article.Id, TermId = id, Position = position }, (row, _, position) => row.Position = position);
        Sync(db, article.Topics, parts.Topics, t => t.TermId, id => id,
            (id, position) => new ArticleTopic { ArticleId = article.Id, TermId = id, Position = position }, (row, _, position) => row.Position = position);
        Sync(db, article.Quotes, parts.Quotes, q => q.Id, q => q.Id,
            (quote, position) => Update(new Quote { Id = quote.Id, ArticleId = article.Id }, quote, position), (row, quote, position) => Update(row, quote, position));
        Sync(db, article.RelatedLinks, parts.Related, l => l.Id, l => l.Id,
            (link, position) => Update(new RelatedLink { Id = link.Id, ArticleId = article.Id }, link, position), (row, link, position) => Update(row, link, position));
    }

    /// <summary>
    /// Gives the article its new public slug. While the article is public its old slug is kept as a former slug, so
    /// links readers shared answer 301; taking back one of its own former slugs makes it current again.
    /// </summary>
    private static async Task ChangeSlugAsync(CommentaryDbContext db, Article article, string slug, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.FormerSlugs.FindAsync([slug], cancellationToken) is { } regained && regained.ArticleId == article.Id)
        {
            db.FormerSlugs.Remove(regained);
        }

        if (article.IsPublic() && await db.FormerSlugs.FindAsync([article.Slug], cancellationToken) is null)
        {
            db.FormerSlugs.Add(new FormerSlug { Slug = article.Slug, ArticleId = article.Id, RetiredAt = now });
        }

        article.Slug = slug;
    }

    private static Quote Update(Quote row, QuotePart quote, int position)
    {
        row.Position = position;
        row.SourceId = quote.SourceId;
        row.OutletId = quote.OutletId;
        row.Text = LocalizedText.From(quote.Text);
        return row;
    }

    private static RelatedLink Update(RelatedLink row, LinkPart link, int position)
    {
        row.Position = position;
        row.TargetArticleId = link.Article;
        row.Url = link.Url;
        row.Title = link.Title;
        return row;
    }

    /// <summary>Makes <paramref name="rows"/> hold <paramref name="parts"/> in order: removes, updates and adds by key.</summary>
    private static void Sync<TRow, TPart>(
        CommentaryDbContext db, List<TRow> rows, IReadOnlyList<TPart> parts, Func<TRow, Guid> rowKey, Func<TPart, Guid> partKey,
        Func<TPart, int, TRow> create, Action<TRow, TPart, int> update)
        where TRow : class
    {
        var wanted = parts.Select(partKey).ToHashSet();
        foreach (var gone in rows.Where(r => !wanted.Contains(rowKey(r))).ToList())
        {
            rows.Remove(gone);
            db.Remove(gone);
        }

        for (var position = 0; position < parts.Count; position++)
        {
            var part = parts[position];
            if (rows.Find(r => rowKey(r) == partKey(part)) is { } existing)
            {
                update(existing, part, position);
            }
            else
            {
                var row = create(part, position);
                rows.Add(row);
                db.Add(row);
            }
        }
    }
}
