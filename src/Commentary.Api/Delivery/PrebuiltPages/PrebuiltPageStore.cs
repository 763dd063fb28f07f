using System.Text.Json;
using Commentary.Api.Delivery.ReadModel;
using Commentary.Api.Platform.Database;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Delivery.PrebuiltPages;

/// <summary>Reads servable renditions: current format, and neither the article nor anything it shows waiting to be rebuilt.</summary>
public sealed class PrebuiltPageStore(CommentaryDbContext db, PageFormat format, IOptions<PrebuiltPageOptions> options, IOptions<JsonOptions> json)
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
            .Select(id => prebuilt.TryGetValue(id, out var body) ? JsonSerializer.Deserialize<PublicArticle>(body, json.Value.SerializerOptions) : live.GetValueOrDefault(id))
            .OfType<PublicArticle>()
            // A converted page is stored under the language it was asked in; feeds and sync carry published languages only.
            .Where(a => !a.Converted)
            .ToList();
    }

    private async Task<Dictionary<Guid, byte[]>> InLanguageAsync(IReadOnlyCollection<Guid> ids, string language, CancellationToken cancellationToken) =>
        (await db.Database.SqlQueryRaw<PageBody>(InLanguageSql, ids.ToArray(), language, format.Key).ToListAsync(cancellationToken))
        .ToDictionary(r => r.ArticleId, r => r.Body);

    private const string InLanguageSql = $$"""
        SELECT r.article_id, r.body
        FROM article_renditions r
        WHERE r.article_id = ANY ({0}) AND r.requested_language = {1} AND r.served_language = {1}
          AND r.format = {2} AND {{NothingQueued}}
        """;

    private sealed record PageBody(Guid ArticleId, byte[] Body);
}

/// <summary>A current prebuilt page; <paramref name="DependsOn"/> are the articles it shows (its own first).</summary>
public sealed record ServablePage(byte[] Body, string ETag, DateTimeOffset LastModified, string ServedLanguage, Guid[] DependsOn);
