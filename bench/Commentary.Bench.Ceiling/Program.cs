using System.Text.Json;
using Npgsql;
// The machine's ceilings for the benchmark, measured in the same run as the API:
//   GET /bytes          the bytes and headers of a real article response, from memory: the limit of the HTTP path;
//   GET /row/{slug}     the same article's published row by one raw Npgsql query: the limit of the data path;
//   GET /page/{slug}    the same article's stored page (article_renditions, the row the API serves it from) by one raw
//                       Npgsql query, its bytes as they are: the limit of the API's own data path;
//   GET /export?after=  a page of 1,000 stored pages (article_renditions) by one keyset query, streamed as JSON the way
//                       partner sync pages are: the limit of a full export. The last line of the body is the next cursor.
// Start: dotnet Commentary.Bench.Ceiling.dll --urls http://127.0.0.1:5181 --bytes <file> --headers <file> --connection <connection string>
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var bytes = await File.ReadAllBytesAsync(app.Configuration["bytes"] ?? throw new InvalidOperationException("--bytes <file> is required"));
// The API's response headers (curl -D), sent as they are, so both answers are the same bytes on the wire.
var headers = app.Configuration["headers"] is { } headerFile
    ? (await File.ReadAllLinesAsync(headerFile)).Skip(1).Select(line => line.Split(':', 2)).Where(p => p.Length == 2)
        .Select(p => (Name: p[0].Trim(), Value: p[1].Trim()))
        .Where(h => h.Name is not ("Date" or "Server" or "Content-Length" or "Content-Type" or "Transfer-Encoding")).ToList()
    : [];
var dataSource = NpgsqlDataSource.Create(app.Configuration["connection"] ?? throw new InvalidOperationException("--connection is required"));
var etag = headers.FirstOrDefault(h => h.Name.Equals("ETag", StringComparison.OrdinalIgnoreCase)).Value;
app.MapGet("/bytes", (HttpContext context) =>
{
    foreach (var (name, value) in headers)
    {
        context.Response.Headers[name] = value;
    }

    // The 304 ceiling: the same If-None-Match answered from memory.
    if (etag is not null && context.Request.Headers.IfNoneMatch == etag)
    {
        context.Response.StatusCode = StatusCodes.Status304NotModified;
        return Results.Empty;
    }

    return Results.Bytes(bytes, "application/json; charset=utf-8");
});
app.MapGet("/row/{slug}", async (string slug, HttpContext context) =>
{
    await using var command = dataSource.CreateCommand(
        """
        SELECT t.published_title, t.published_summary, t.published_body
        FROM articles a JOIN translations t ON t.article_id = a.id
        WHERE a.slug = $1 AND a.deleted_at IS NULL AND t.language = a.original_language AND t.published_revision IS NOT NULL
        """);
    command.Parameters.Add(new NpgsqlParameter { Value = slug });
    await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
    if (!await reader.ReadAsync(context.RequestAborted))
    {
        return Results.NotFound();
    }
    return Results.Json(new { title = reader.GetString(0), summary = reader.IsDBNull(1) ? null : reader.GetString(1), body = reader.GetString(2) });
});
app.MapGet("/page/{slug}", async (string slug, HttpContext context) =>
{
    await using var command = dataSource.CreateCommand(
        "SELECT body FROM article_renditions WHERE slug = $1 AND requested_language = original_language LIMIT 1");
    command.Parameters.Add(new NpgsqlParameter { Value = slug });
    await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
    return await reader.ReadAsync(context.RequestAborted)
        ? Results.Bytes(reader.GetFieldValue<byte[]>(0), "application/json; charset=utf-8")
        : Results.NotFound();
});
app.MapGet("/export", async (string? after, HttpContext context) =>
{
    var (afterId, afterLanguage) = after?.Split(':') is [var id, var language] ? (Guid.Parse(id), language) : (Guid.Empty, "");
    await using var command = dataSource.CreateCommand(
        """
        SELECT article_id, requested_language, body FROM article_renditions
        WHERE requested_language = served_language AND (article_id, requested_language COLLATE "C") > ($1, $2 COLLATE "C")
        ORDER BY article_id, requested_language COLLATE "C" LIMIT 1000
        """);
    command.Parameters.Add(new NpgsqlParameter { Value = afterId });
    command.Parameters.Add(new NpgsqlParameter { Value = afterLanguage });
    await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
    context.Response.ContentType = "application/json; charset=utf-8";
    await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
    writer.WriteStartObject();
    writer.WriteStartArray("changes");
    var last = "";
    while (await reader.ReadAsync(context.RequestAborted))
    {
        writer.WriteStartObject();
        writer.WriteString("articleId", reader.GetGuid(0));
        writer.WriteString("language", reader.GetString(1));
        writer.WritePropertyName("article");
        writer.WriteRawValue(reader.GetFieldValue<byte[]>(2), skipInputValidation: true);
        writer.WriteEndObject();
        last = $"{reader.GetGuid(0)}:{reader.GetString(1)}";
        if (writer.BytesPending > 64 * 1024)
        {
            await writer.FlushAsync(context.RequestAborted);
        }
    }

    writer.WriteEndArray();
    writer.WriteString("nextCursor", last);
    writer.WriteBoolean("hasMore", last != "");
    writer.WriteEndObject();
    await writer.FlushAsync(context.RequestAborted);
});
app.Run();
