using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Languages;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Delivery.ReadModel;

/// <summary>The list shape (summaries) and the localized names of topic, author and source pages: same rules as articles.</summary>
public sealed partial class PublicArticleReader
{
    /// <summary>The languages to try for names of topics, authors and sources, which have no original language.</summary>
    public IReadOnlyList<string> NameChain(string? requested) => negotiator.Chain(requested, Language.English);

    /// <summary>Localizes a reader-visible name with the same fallback as articles; the slug when no language has one.</summary>
    public static string LocalizeName(LocalizedText text, IReadOnlyList<string> chain, string fallback) => Localize(text, chain, fallback);

    /// <summary>
    /// Summaries of the public articles among <paramref name="ids"/>, in the order of <paramref name="ids"/>. One SQL
    /// statement (a few translations × authors × topics per article is a small join), so it reads one snapshot without
    /// an explicit transaction: lists, search and topic pages cost one round trip here.
    /// </summary>
    public async Task<IReadOnlyList<PublicArticleSummary>> ReadSummariesAsync(IReadOnlyCollection<Guid> ids, string? requestedLanguage, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.Articles.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Where(PublicContent.IsPublicArticle)
            .Select(a => new SummaryRow(
                a.Id,
                a.Slug,
                a.PublishedOriginalLanguage!,
                a.FirstPublishedAt,
                a.LastPublishedAt,
                a.Translations.AsQueryable().Where(PublicContent.HasPublishedSnapshot).Select(t => new SummaryTranslationRow(t.Language, t.PublishedTitle!, t.PublishedSummary)).ToList(),
                a.Authors.OrderBy(x => x.Position).Select(x => new NamedRow(x.Term.Slug, x.Term.Name)).ToList(),
                a.Topics.OrderBy(x => x.Position).Select(x => new NamedRow(x.Term.Slug, x.Term.Name)).ToList()))
            .AsSingleQuery()
            .ToListAsync(cancellationToken);

        await PrepareConversionAsync(rows.Select(r => r.Translations.Select(t => t.Language).ToList()), cancellationToken);
        var byId = rows.ToDictionary(r => r.Id);
        return ids.Where(byId.ContainsKey).Select(id => BuildSummary(byId[id], requestedLanguage)).ToList();
    }

    private PublicArticleSummary BuildSummary(SummaryRow row, string? requestedLanguage)
    {
        var (requested, served, servedChain, converted) = Serve(row.Translations, t => t.Language, requestedLanguage, row.OriginalLanguage);
        var into = converted ? requested : null;
        var language = converted ? requested : served.Language;
        return new PublicArticleSummary(
            row.Id.ToString(),
            row.Slug,
            language,
            requested,
            served.Language != requested,
            row.OriginalLanguage,
            converted ? ConvertInto(requested, served.Title) : served.Title,
            converted && served.Summary is { } summary ? ConvertInto(requested, summary) : served.Summary,
            row.FirstPublishedAt ?? DateTimeOffset.UnixEpoch,
            row.LastPublishedAt ?? row.FirstPublishedAt ?? DateTimeOffset.UnixEpoch,
            row.Authors.Select(a => new PublicNamedRef(a.Slug, Localize(a.Name, servedChain, a.Slug, into))).ToList(),
            row.Topics.Select(t => new PublicNamedRef(t.Slug, Localize(t.Name, servedChain, t.Slug, into))).ToList(),
            Language.All.Where(l => row.Translations.Exists(t => t.Language == l)).ToList(),
            site.Value.ArticleUrlFor(language, row.Slug),
            converted);
    }

    private sealed record SummaryRow(
        Guid Id, string Slug, string OriginalLanguage, DateTimeOffset? FirstPublishedAt, DateTimeOffset? LastPublishedAt,
        List<SummaryTranslationRow> Translations, List<NamedRow> Authors, List<NamedRow> Topics);

    private sealed record SummaryTranslationRow(string Language, string Title, string? Summary);
}
