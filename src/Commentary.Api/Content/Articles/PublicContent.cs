using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Content.Articles;

/// <summary>
/// The one definition of "public", what readers may see: a translation is public when its article is live (not deleted,
/// and first published) and the translation itself has a published snapshot (a published revision and its time); an
/// article is public when at least one of its translations is. Every public read, LINQ or raw SQL, filters with these
/// members, and <c>PublicContentTests</c> holds the LINQ and the SQL forms to the same rows.
/// </summary>
/// <remarks>
/// Publishing sets all four columns together and unpublishing clears the translation's, so in data the API writes the
/// rule reduces to "not deleted and a published revision"; the other two are kept because lists are ordered by
/// <c>first_published_at</c> and feeds and search by <c>published_at</c>, and a row without them cannot be placed.
/// There is no time test: a publication time is stamped when publishing happens, and a schedule is not a publication.
/// </remarks>
public static class PublicContent
{
    public static readonly Expression<Func<Article, bool>> IsLiveArticle =
        a => a.DeletedAt == null && a.FirstPublishedAt != null;

    public static readonly Expression<Func<Translation, bool>> HasPublishedSnapshot =
        t => t.PublishedRevision != null && t.PublishedAt != null;

    /// <summary>A live article with at least one public translation.</summary>
    public static readonly Expression<Func<Article, bool>> IsPublicArticle =
        AndAlso(IsLiveArticle, a => a.Translations.AsQueryable().Any(HasPublishedSnapshot));

    /// <summary>
    /// <see cref="IsPublicArticle"/> for an article loaded with its translations (a writer deciding whether readers saw
    /// it), compiled once from the same expression.
    /// </summary>
    public static bool IsPublic(this Article article) => IsPublicLoaded(article);

    private static readonly Func<Article, bool> IsPublicLoaded = IsPublicArticle.Compile();

    /// <summary>The SQL of <see cref="IsLiveArticle"/> for the articles row aliased <paramref name="article"/>.</summary>
    public static string LiveArticleSql(string article) =>
        $"({article}.deleted_at IS NULL AND {article}.first_published_at IS NOT NULL)";

    /// <summary>The SQL of <see cref="HasPublishedSnapshot"/> for the translations row aliased <paramref name="translation"/>.</summary>
    public static string PublishedSnapshotSql(string translation) =>
        $"({translation}.published_revision IS NOT NULL AND {translation}.published_at IS NOT NULL)";

    /// <summary>A public translation: <paramref name="translation"/> joined to its article <paramref name="article"/>.</summary>
    public static string PublicTranslationSql(string translation, string article) =>
        $"({PublishedSnapshotSql(translation)} AND {LiveArticleSql(article)})";

    /// <summary>The SQL of <see cref="IsPublicArticle"/> for the articles row aliased <paramref name="article"/>.</summary>
    public static string PublicArticleSql(string article) =>
        $"""
        ({LiveArticleSql(article)} AND EXISTS (
            SELECT 1 FROM translations {article}_translation
            WHERE {article}_translation.article_id = {article}.id AND {PublishedSnapshotSql($"{article}_translation")}))
        """;

    /// <summary>Every public translation with its article, as a query to filter and project further.</summary>
    public static IQueryable<PublicTranslation> PublicTranslations(this DbContext db) =>
        from t in db.Set<Translation>().AsNoTracking().Where(HasPublishedSnapshot)
        join a in db.Set<Article>().AsNoTracking().Where(IsLiveArticle) on t.ArticleId equals a.Id
        select new PublicTranslation { Translation = t, Article = a };

    private static Expression<Func<T, bool>> AndAlso<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right)
    {
        var body = new ParameterReplacer(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<T, bool>>(Expression.AndAlso(left.Body, body), left.Parameters);
    }

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>A public translation and its article, for queries that go on from <see cref="PublicContent.PublicTranslations"/>.</summary>
public sealed class PublicTranslation
{
    public Translation Translation { get; init; } = null!;
    public Article Article { get; init; } = null!;
}
