using System.Text.Json;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Database;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Delivery.PrebuiltPages;

/// <summary>Reads servable renditions: current format, and neither the article nor anything it shows waiting to be rebuilt.</summary>
public sealed class PrebuiltPageStore(CommentaryDbContext db, PageFormat format, IOptions<PrebuiltPageOptions> options, IOptions<JsonOptions> json, ParsedPages parsed)
{
    public bool Enabled => options.Value.Enabled;

    /// <summary>
    /// The rendition of the public article <paramref name="slug"/> for <paramref name="requestedLanguage"/> (null: its
    /// original language), or null when there is none to serve and the live read must answer.
    /// </summary>
    /// <remarks>
    /// Last-Modified is the live one: the catalogue's newest change if it is later than the build (links and suggestions
    /// may show any article, so the live page counts every change), read in the same statement.
    /// </remarks>
    /// <remarks>Read with Npgsql directly: this is the uncached article page, and EF's raw-SQL materialization cost more than the query.</remarks>
    public async Task<ServablePage?> FindAsync(string slug, string? requestedLanguage, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return null;
        }

        await using var command = await db.CreateCommandAsync(FindSql, cancellationToken);
        command.Parameters.AddWithValue(slug);
        command.Parameters.AddWithValue(requestedLanguage ?? "");
        command.Parameters.AddWithValue(format.Key);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow, cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ServablePage(reader.GetFieldValue<byte[]>(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3), reader.GetFieldValue<Guid[]>(4))
            : null;
    }

    private const string FindSql = $$"""
        SELECT r.body, r.e_tag, GREATEST(r.last_modified, {{PublicArticleList.CatalogChangedAtSql}}) AS last_modified, r.served_language, r.depends_on
        FROM article_renditions r
        WHERE r.slug = $1 AND r.requested_language = COALESCE(NULLIF($2, ''), r.original_language)
          AND r.format = $3 AND {{NothingQueued}}
        LIMIT 1
        """;

    /// <summary>What makes a rendition servable beside its format: neither its article nor any article it shows is queued.</summary>
    internal const string NothingQueued = "NOT EXISTS (SELECT 1 FROM rendition_queue q WHERE q.article_id = ANY (r.depends_on))";

    /// <summary>
    /// The articles among <paramref name="ids"/> whose <paramref name="language"/> translation is published, in that
    /// language only, in the order of <paramref name="ids"/>, as <see cref="PublicArticleReader.ReadInLanguageAsync"/>
    /// reads them; from renditions where they are current (their <c>related</c> also holds the suggestions).
    /// </summary>
    public async Task<IReadOnlyList<PublicArticle>> ReadInLanguageAsync(
        IReadOnlyList<Guid> ids, string language, PublicArticleReader reader, CancellationToken cancellationToken)
    {
        var prebuilt = Enabled ? await InLanguageAsync(ids, language, cancellationToken) : [];
        var missing = ids.Where(id => !prebuilt.ContainsKey(id)).ToList();
        var live = missing.Count == 0 ? [] : (await reader.ReadInLanguageAsync(missing, language, cancellationToken)).ToDictionary(a => Guid.Parse(a.Id));
        return ids
            .Select(id => prebuilt.GetValueOrDefault(id) ?? live.GetValueOrDefault(id))
            .OfType<PublicArticle>()
            // A converted page is stored under the language it was asked in; feeds and sync carry published languages only.
            .Where(a => !a.Converted)
            .ToList();
    }

    /// <summary>The servable pages among <paramref name="ids"/>: parsed ones from <see cref="ParsedPages"/> while their ETag is current, the others read and parsed.</summary>
    private async Task<Dictionary<Guid, PublicArticle>> InLanguageAsync(IReadOnlyList<Guid> ids, string language, CancellationToken cancellationToken)
    {
        var known = ids.Select(id => parsed.TryGet(id, language, out var eTag, out _) ? eTag : null).OfType<string>().ToArray();
        var pages = new Dictionary<Guid, PublicArticle>(ids.Count);
        await using var command = await db.CreateCommandAsync(InLanguageSql, cancellationToken);
        command.Parameters.AddWithValue(ids.ToArray());
        command.Parameters.AddWithValue(language);
        command.Parameters.AddWithValue(format.Key);
        command.Parameters.AddWithValue(known);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            var (id, eTag) = (rows.GetGuid(0), rows.GetString(1));
            if (!rows.IsDBNull(2))
            {
                var page = JsonSerializer.Deserialize<PublicArticle>(rows.GetFieldValue<byte[]>(2), json.Value.SerializerOptions)!;
                parsed.Keep(id, language, eTag, page);
                pages[id] = page;
            }
            else if (parsed.TryGet(id, language, out var keptETag, out var kept) && keptETag == eTag)
            {
                pages[id] = kept;
            }
        }

        return pages;
    }

    // The body only where the caller has no parsed copy of these very bytes (their ETag is among $4).
    private const string InLanguageSql = $$"""
        SELECT r.article_id, r.e_tag, CASE WHEN r.e_tag = ANY ($4) THEN NULL ELSE r.body END
        FROM article_renditions r
        WHERE r.article_id = ANY ($1) AND r.requested_language = $2 AND r.served_language = $2
          AND r.format = $3 AND {{NothingQueued}}
        """;

}

/// <summary>A current prebuilt page; <paramref name="DependsOn"/> are the articles it shows (its own first).</summary>
public sealed record ServablePage(byte[] Body, string ETag, DateTimeOffset LastModified, string ServedLanguage, Guid[] DependsOn);
