using Npgsql;
// The machine's ceilings for the benchmark, measured in the same run as the API:
//   GET /bytes          the bytes of a real article response, from memory: the limit of the HTTP path;
//   GET /row/{slug}     the same article's published row by one raw Npgsql query: the limit of the data path.
// Start: dotnet Commentary.Bench.Ceiling.dll --urls http://127.0.0.1:5181 --bytes <file> --connection <connection string>
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var bytes = await File.ReadAllBytesAsync(app.Configuration["bytes"] ?? throw new InvalidOperationException("--bytes <file> is required"));
var dataSource = NpgsqlDataSource.Create(app.Configuration["connection"] ?? throw new InvalidOperationException("--connection is required"));
app.MapGet("/bytes", () => Results.Bytes(bytes, "application/json; charset=utf-8"));
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
app.Run();
