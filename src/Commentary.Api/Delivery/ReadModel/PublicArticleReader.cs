using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Conversion;
using Commentary.Api.Content.Rendering;
using Commentary.Api.Platform;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Delivery.ReadModel;

/// <summary>
/// Reads published articles in a reader's language. Only published snapshots of public articles
/// (<see cref="PublicContent"/>) are read, so draft text cannot reach a public response by construction; linked articles
/// are resolved the same way.
/// </summary>
public sealed partial class PublicArticleReader(
    CommentaryDbContext db,
    LanguageNegotiator negotiator,
    MarkdownRenderer markdown,
    ContentConverter converter,
    IOptions<SiteOptions> site)
{
    /// <summary>The public article with <paramref name="slug"/> in the reader's language, or null while it is not public.</summary>
    public async Task<PublicArticle?> FindPublishedAsync(string slug, string? requestedLanguage, CancellationToken cancellationToken)
    {
        var id = await db.Articles.AsNoTracking()
            .Where(a => a.Slug == slug).Where(PublicContent.IsPublicArticle)
            .Select(a => (Guid?)a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return id is null ? null : (await ReadAsync([id.Value], requestedLanguage, cancellationToken)).FirstOrDefault();
    }

    /// <summary>The published articles among <paramref name="ids"/>, in the order of <paramref name="ids"/>.</summary>
    public Task<IReadOnlyList<PublicArticle>> ReadAsync(IReadOnlyCollection<Guid> ids, string? requestedLanguage, CancellationToken cancellationToken) =>
        InOneSnapshotAsync(() => ReadCoreAsync(ids, requestedLanguage, cancellationToken), cancellationToken);

    /// <summary>
    /// Runs a split query in one snapshot. A split query reads articles and each of their collections in separate
    /// statements; a publish or unpublish committed in between makes EF pair an article with the wrong (or no)
    /// translations, and an article with no published translation cannot be served.
    /// </summary>
    private async Task<T> InOneSnapshotAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await read();
        }

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            var result = await read();
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }

    private async Task<IReadOnlyList<PublicArticle>> ReadCoreAsync(IReadOnlyCollection<Guid> ids, string? requestedLanguage, CancellationToken cancellationToken)
    {
        var rows = await db.Articles.AsNoTracking()
            .Where(a => ids.Contains(a.Id)).Where(PublicContent.IsPublicArticle)
            .Select(a => new ArticleRow(
                a.Id,
                a.Slug,
                a.PublishedOriginalLanguage!,
                a.FirstPublishedAt,
                a.LastPublishedAt,
                a.Translations.AsQueryable().Where(PublicContent.HasPublishedSnapshot)
                    .Select(t => new TranslationRow(t.Language, t.PublishedTitle!, t.PublishedSummary, t.PublishedBodyHtml, t.PublishedBodyHtml == null ? t.PublishedBody : null)).ToList(),
                a.Authors.OrderBy(x => x.Position).Select(x => new NamedRow(x.Term.Slug, x.Term.Name)).ToList(),
                a.Topics.OrderBy(x => x.Position).Select(x => new NamedRow(x.Term.Slug, x.Term.Name)).ToList(),
                a.Quotes.OrderBy(q => q.Position)
                    .Select(q => new QuoteRow(q.Source.Slug, q.Source.Name, q.Source.Role, q.Outlet == null ? null : q.Outlet.Slug, q.Outlet == null ? null : q.Outlet.Name, q.Text))
                    .ToList(),
                a.RelatedLinks.OrderBy(r => r.Position).Select(r => new RelatedRow(r.TargetArticleId, r.Url, r.Title)).ToList()))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var targets = await ReadLinkTargetsAsync(rows.SelectMany(r => r.Related).Select(r => r.TargetArticleId).OfType<Guid>().Distinct().ToList(), cancellationToken);
        await PrepareConversionAsync(rows.Select(r => r.Translations.Select(t => t.Language).ToList()), cancellationToken);
        var markdownToConvert = await ReadMarkdownAsync(rows
            .Select(r => (r.Id, Serve: Serve(r.Translations, t => t.Language, requestedLanguage, r.OriginalLanguage)))
            .Where(r => r.Serve.Converted)
            .Select(r => (r.Id, r.Serve.Served.Language))
            .ToList(), cancellationToken);
        var byId = rows.ToDictionary(r => r.Id);
        return ids.Where(byId.ContainsKey).Select(id => Build(byId[id], requestedLanguage, targets, markdownToConvert)).ToList();
    }

    private PublicArticle Build(
        ArticleRow row, string? requestedLanguage, IReadOnlyDictionary<Guid, LinkTarget> targets, Dictionary<(Guid, string), string> markdownToConvert)
    {
        var (requested, served, servedChain, converted) = Serve(row.Translations, t => t.Language, requestedLanguage, row.OriginalLanguage);
        var into = converted ? requested : null;
        return new PublicArticle(
            row.Id.ToString(),
            row.Slug,
            converted ? requested : served.Language,
            requested,
            served.Language != requested,
            row.OriginalLanguage,
            converted ? ConvertInto(requested, served.Title) : served.Title,
            converted && served.Summary is { } summary ? ConvertInto(requested, summary) : served.Summary,
            converted
                ? markdown.ToHtml(converter.ConvertMarkdownLoaded(markdownToConvert[(row.Id, served.Language)], ContentConverter.DefaultFrom(served.Language)))
                : served.BodyHtml ?? markdown.ToHtml(served.UnrenderedBody ?? ""),
            row.FirstPublishedAt ?? DateTimeOffset.UnixEpoch,
            row.LastPublishedAt ?? row.FirstPublishedAt ?? DateTimeOffset.UnixEpoch,
            row.Authors.Select(a => new PublicNamedRef(a.Slug, Localize(a.Name, servedChain, a.Slug, into))).ToList(),
            row.Topics.Select(t => new PublicNamedRef(t.Slug, Localize(t.Name, servedChain, t.Slug, into))).ToList(),
            row.Quotes
                .Select(q => (Quote: q, Text: into is null ? q.Text.Resolve(servedChain)?.Text : LocalizeConverted(q.Text, servedChain, into)))
                .Where(q => q.Text is not null)
                .Select(q => new PublicQuote(
                    new PublicSourceRef(q.Quote.SourceSlug, Localize(q.Quote.SourceName, servedChain, q.Quote.SourceSlug, into),
                        into is null ? q.Quote.SourceRole.Resolve(servedChain)?.Text : LocalizeConverted(q.Quote.SourceRole, servedChain, into)),
                    q.Quote.OutletSlug is null ? null : new PublicNamedRef(q.Quote.OutletSlug, Localize(q.Quote.OutletName!, servedChain, q.Quote.OutletSlug, into)),
                    q.Text!))
                .ToList(),
            row.Related.Select(r => ResolveLink(r, requested, targets)).OfType<PublicRelatedLink>().ToList(),
            Alternates(row.Translations, t => t.Language, t => t.Title, row.Slug, row.OriginalLanguage),
            converted);
    }

    private PublicRelatedLink? ResolveLink(RelatedRow link, string requested, IReadOnlyDictionary<Guid, LinkTarget> targets)
    {
        if (link.TargetArticleId is not { } targetId)
        {
            return new PublicRelatedLink("external", null, link.Url!, link.Title!, null);
        }

        if (!targets.TryGetValue(targetId, out var target))
        {
            return null;
        }

        var (language, title, url) = ResolveTitle(target, requested);
        return new PublicRelatedLink("article", target.Slug, url, title, language);
    }

    /// <summary>
    /// The translation to serve (the first of the fallback chain that is published; any published one at worst), the
    /// chain for the names and quotes around it, which follow the served language, not the requested one, and whether it
    /// is served converted (it is the other Chinese script of the one asked for, whose chain then applies).
    /// </summary>
    private (string Requested, T Served, IReadOnlyList<string> ServedChain, bool Converted) Serve<T>(
        List<T> published, Func<T, string> languageOf, string? requestedLanguage, string originalLanguage)
        where T : class
    {
        var requested = requestedLanguage ?? originalLanguage;
        var chain = negotiator.Chain(requested, originalLanguage);
        var served = chain.Select(l => published.Find(t => languageOf(t) == l)).FirstOrDefault(t => t is not null) ?? published[0];
        var servedLanguage = languageOf(served);
        var converted = servedLanguage != requested && negotiator.ConvertsFallback && ContentConverter.CounterpartOf(requested) == servedLanguage;
        return (requested, served, servedLanguage == requested || converted ? chain : negotiator.Chain(servedLanguage, originalLanguage), converted);
    }

    private static string Localize(LocalizedText text, IReadOnlyList<string> chain, string fallback) => text.Resolve(chain)?.Text ?? fallback;

    private sealed record ArticleRow(
        Guid Id, string Slug, string OriginalLanguage, DateTimeOffset? FirstPublishedAt, DateTimeOffset? LastPublishedAt,
        List<TranslationRow> Translations, List<NamedRow> Authors, List<NamedRow> Topics, List<QuoteRow> Quotes, List<RelatedRow> Related);

    /// <summary>A published translation; the Markdown is read only where no rendered HTML was stored at publish.</summary>
    private sealed record TranslationRow(string Language, string Title, string? Summary, string? BodyHtml, string? UnrenderedBody);

    private sealed record NamedRow(string Slug, LocalizedText Name);

    private sealed record QuoteRow(string SourceSlug, LocalizedText SourceName, LocalizedText SourceRole, string? OutletSlug, LocalizedText? OutletName, LocalizedText Text);

    private sealed record RelatedRow(Guid? TargetArticleId, string? Url, string? Title);
}
