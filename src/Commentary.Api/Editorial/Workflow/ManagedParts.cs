using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Workflow;

/// <summary>The shared parts of an article (a draft, a published edition or a schedule) as the management API shows them.</summary>
public sealed record ManagedParts(
    string Slug,
    string OriginalLanguage,
    IReadOnlyList<ManagedReference> Authors,
    IReadOnlyList<ManagedReference> Topics,
    IReadOnlyList<ManagedQuote> Quotes,
    IReadOnlyList<ManagedRelatedLink> Related);

public sealed record ManagedReference(string Slug, Dictionary<string, string> Name);

public sealed record ManagedQuote(string Source, string? Outlet, Dictionary<string, string> Text);

/// <summary>Either <c>article</c> (with its slug) or <c>url</c> and <c>title</c>.</summary>
public sealed record ManagedRelatedLink(string? Article, string? ArticleSlug, string? Url, string? Title);

/// <summary>
/// The slugs and names behind the ids shared parts refer to, read in one query per kind. A term deleted since an old
/// edition was published shows by its id.
/// </summary>
internal sealed class PartNames
{
    private readonly Dictionary<Guid, ManagedReference> terms = [];
    private readonly Dictionary<Guid, (string Published, string Drafted)> articleSlugs = [];

    public static async Task<PartNames> LoadAsync(CommentaryDbContext db, IEnumerable<ArticleParts?> parts, CancellationToken cancellationToken)
    {
        var names = new PartNames();
        var list = parts.OfType<ArticleParts>().ToList();
        var termIds = list.SelectMany(p => p.Authors.Concat(p.Topics).Concat(p.Quotes.SelectMany(q => new[] { q.SourceId, q.OutletId ?? Guid.Empty })))
            .Where(id => id != Guid.Empty).Distinct().ToList();
        var articleIds = list.SelectMany(p => p.Related.Select(l => l.Article)).OfType<Guid>().Distinct().ToList();
        if (termIds.Count > 0)
        {
            await names.AddAsync<Author>(db, termIds, cancellationToken);
            await names.AddAsync<Topic>(db, termIds, cancellationToken);
            await names.AddAsync<Source>(db, termIds, cancellationToken);
        }

        if (articleIds.Count > 0)
        {
            foreach (var article in await db.Articles.AsNoTracking().Where(a => articleIds.Contains(a.Id))
                .Select(a => new { a.Id, a.Slug, a.DraftSlug }).ToListAsync(cancellationToken))
            {
                names.articleSlugs[article.Id] = (article.Slug, article.DraftSlug ?? article.Slug);
            }
        }

        return names;
    }

    /// <summary>
    /// The parts with names; a linked article by the slug readers follow, or, in a draft (<paramref name="asDraft"/>),
    /// by the slug it is drafted to have.
    /// </summary>
    public ManagedParts Show(ArticleParts parts, bool asDraft = false) => new(
        parts.Slug,
        parts.OriginalLanguage,
        parts.Authors.Select(Term).ToList(),
        parts.Topics.Select(Term).ToList(),
        parts.Quotes.Select(q => new ManagedQuote(Term(q.SourceId).Slug, q.OutletId is { } outlet ? Term(outlet).Slug : null, new(q.Text))).ToList(),
        parts.Related.Select(l => l.Article is { } target
                ? new ManagedRelatedLink(target.ToString(), articleSlugs.TryGetValue(target, out var slugs) ? (asDraft ? slugs.Drafted : slugs.Published) : null, null, null)
                : new ManagedRelatedLink(null, null, l.Url, l.Title))
            .ToList());

    private ManagedReference Term(Guid id) => terms.GetValueOrDefault(id) ?? new ManagedReference(id.ToString(), []);

    private async Task AddAsync<TTerm>(CommentaryDbContext db, List<Guid> ids, CancellationToken cancellationToken)
        where TTerm : TaxonomyTerm
    {
        foreach (var term in await db.Set<TTerm>().AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken))
        {
            terms[term.Id] = new ManagedReference(term.Slug, term.Name.ToDictionary());
        }
    }
}
