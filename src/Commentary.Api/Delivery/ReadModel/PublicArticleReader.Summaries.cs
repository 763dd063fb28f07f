using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Database;

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
    /// statement, so it reads one snapshot without an explicit transaction: lists, search and topic pages cost one round
    /// trip here. Raw SQL with arrays rather than EF's nested collections: EF Core 10's shaper for a projection with
    /// three nested lists rebuilt a delegate per execution, which was a fifth of a list request's CPU.
    /// </summary>
    public async Task<IReadOnlyList<PublicArticleSummary>> ReadSummariesAsync(IReadOnlyCollection<Guid> ids, string? requestedLanguage, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = new List<SummaryRow>(ids.Count);
        await using (var command = await db.CreateCommandAsync(SummariesSql, cancellationToken))
        {
            command.Parameters.AddWithValue(ids.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var languages = reader.GetFieldValue<string[]>(5);
                var titles = reader.GetFieldValue<string[]>(6);
                var summaries = reader.GetFieldValue<string?[]>(7);
                rows.Add(new SummaryRow(
                    reader.GetGuid(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                    languages.Select((language, i) => new SummaryTranslationRow(language, titles[i], summaries[i])).ToList(),
                    Names(reader, 8),
                    Names(reader, 12)));
            }
        }

        await PrepareConversionAsync(rows.Select(r => r.Translations.Select(t => t.Language).ToList()), cancellationToken);
        var byId = rows.ToDictionary(r => r.Id);
        return ids.Where(byId.ContainsKey).Select(id => BuildSummary(byId[id], requestedLanguage)).ToList();
    }

    /// <summary>Authors or topics in order: four parallel arrays (slugs, then the name in each language) from <paramref name="first"/> on.</summary>
    private static List<NamedRow> Names(Npgsql.NpgsqlDataReader reader, int first)
    {
        if (reader.IsDBNull(first))
        {
            return [];
        }

        var slugs = reader.GetFieldValue<string[]>(first);
        var en = reader.GetFieldValue<string?[]>(first + 1);
        var hans = reader.GetFieldValue<string?[]>(first + 2);
        var hant = reader.GetFieldValue<string?[]>(first + 3);
        return slugs.Select((slug, i) => new NamedRow(slug, new LocalizedText { En = en[i], ZhHans = hans[i], ZhHant = hant[i] })).ToList();
    }

    private static string TermsOf(string table, string termTable, string termId) => $"""
        LEFT JOIN LATERAL (
            SELECT array_agg(term.slug ORDER BY link.position), array_agg(term.name_en ORDER BY link.position),
                   array_agg(term.name_zh_hans ORDER BY link.position), array_agg(term.name_zh_hant ORDER BY link.position)
            FROM {table} link JOIN {termTable} term ON term.id = link.{termId}
            WHERE link.article_id = a.id) {termTable} ON true
        """;

    private static readonly string SummariesSql = $"""
        SELECT a.id, a.slug, a.published_original_language, a.first_published_at, a.last_published_at, tr.*, authors.*, topics.*
        FROM articles a
        CROSS JOIN LATERAL (
            SELECT array_agg(t.language ORDER BY t.language), array_agg(t.published_title ORDER BY t.language),
                   array_agg(t.published_summary ORDER BY t.language)
            FROM translations t
            WHERE t.article_id = a.id AND {PublicContent.PublishedSnapshotSql("t")}) tr
        {TermsOf("article_authors", "authors", "author_id")}
        {TermsOf("article_topics", "topics", "topic_id")}
        WHERE a.id = ANY ($1) AND {PublicContent.PublicArticleSql("a")}
        """;

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
