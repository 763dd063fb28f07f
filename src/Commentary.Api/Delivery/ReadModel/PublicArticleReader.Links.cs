using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Delivery.ReadModel;

/// <summary>Links to other public articles (related links, suggestions, quotes on source pages): slug and title only.</summary>
public sealed partial class PublicArticleReader
{
    /// <summary>The title of a public article in the reader's language (with fallback), and its frontend URL in that language.</summary>
    public (string Language, string Title, string Url) ResolveTitle(LinkTarget target, string? requested)
    {
        var (_, translation, _, _) = Serve(target.Titles, t => t.Language, requested, target.OriginalLanguage);
        return (translation.Language, translation.Title, site.Value.ArticleUrlFor(translation.Language, target.Slug));
    }

    /// <summary>Slug, original language and published titles of the given articles that are public now.</summary>
    public async Task<IReadOnlyDictionary<Guid, LinkTarget>> ReadLinkTargetsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, LinkTarget>();
        }

        return await db.Articles.AsNoTracking()
            .Where(a => ids.Contains(a.Id)).Where(PublicContent.IsPublicArticle)
            .Select(a => new LinkTarget(a.Id, a.Slug, a.PublishedOriginalLanguage!,
                a.Translations.AsQueryable().Where(PublicContent.HasPublishedSnapshot).Select(t => new LinkTitle(t.Language, t.PublishedTitle!)).ToList()))
            .ToDictionaryAsync(t => t.Id, cancellationToken);
    }

    public sealed record LinkTarget(Guid Id, string Slug, string OriginalLanguage, List<LinkTitle> Titles);

    public sealed record LinkTitle(string Language, string Title);
}
