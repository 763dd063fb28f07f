using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Delivery.PrebuiltPages;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Query;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Partners.Feeds;

/// <summary>The newest published articles in one language, optionally of one topic or author; no fallback to other languages.</summary>
public sealed record FeedContent(string Language, string? Topic, string? Author, IReadOnlyList<PublicArticle> Articles)
{
    public DateTimeOffset? LastModified => Articles.Count == 0 ? null : Articles.Max(a => a.UpdatedAt);

    /// <summary>The publication's title, the language and the filters: "Commentary (English) · economy".</summary>
    public string Title(FeedOptions options)
    {
        var title = $"{options.Title} ({Platform.Languages.Language.Label(Language)})";
        if (Topic is not null)
        {
            title += $" · {Topic}";
        }

        return Author is not null ? $"{title} · {Author}" : title;
    }
}

public static class FeedQuery
{
    public static readonly string[] Parameters = ["topic", "author"];

    /// <summary>Validates the route language and the filters, then reads the items through the public serializer.</summary>
    public static async Task<(FeedContent? Content, ProblemHttpResult? Problem)> LoadAsync(
        string lang, HttpRequest request, PublicArticleReader reader, PrebuiltPageStore renditions, CommentaryDbContext db, CancellationToken cancellationToken)
    {
        if (!Language.TryNormalize(lang, out var language))
        {
            return (null, Problems.Validation("lang", $"Unsupported language. Supported: {Language.SupportedList}."));
        }

        // The one guard every public query goes through: an unknown or repeated parameter, NUL or a broken surrogate is a 400.
        var query = PublicQuery.For(request, Parameters);
        var topic = query.Text("topic", Slugs.MaxLength);
        var author = query.Text("author", Slugs.MaxLength);
        if (!query.IsValid)
        {
            return (null, query.Problem());
        }

        var refs = reader.PublishedTranslations().Where(r => r.Language == language);
        if (!string.IsNullOrEmpty(topic))
        {
            if (!await db.Topics.AnyAsync(t => t.Slug == topic, cancellationToken))
            {
                return (null, Problems.NotFound($"No topic has the slug '{topic}'."));
            }

            refs = refs.Where(r => db.Set<ArticleTopic>().Any(x => x.ArticleId == r.ArticleId && x.Term.Slug == topic));
        }

        if (!string.IsNullOrEmpty(author))
        {
            if (!await db.Authors.AnyAsync(a => a.Slug == author, cancellationToken))
            {
                return (null, Problems.NotFound($"No author has the slug '{author}'."));
            }

            refs = refs.Where(r => db.Set<ArticleAuthor>().Any(x => x.ArticleId == r.ArticleId && x.Term.Slug == author));
        }

        var ids = await refs.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.ArticleId)
            .Select(r => r.ArticleId).Take(FeedOptions.MaxItems).ToListAsync(cancellationToken);
        var articles = await renditions.ReadInLanguageAsync(ids, language, reader, cancellationToken);
        return (new FeedContent(language, topic, author, articles), null);
    }
}
