using System.Diagnostics;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Database.LocalPostgres;
using Commentary.DataGenerator;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Spectre.Console;
// Fills a database with N realistic articles for benchmarks:
//   dotnet run -c Release --project tools/Commentary.DataGenerator -- --articles 100000 [--database commentary_bench]
// Without --connection it uses the private cluster under .data/postgres (started if needed, left as it was found).
// Bench helpers: --print-connection <database> (start the cluster, print, leave it running); --stop-cluster yes.
var arguments = ParseArguments(args);
var articles = int.Parse(arguments.GetValueOrDefault("articles", "10000"), System.Globalization.CultureInfo.InvariantCulture);
var options = new GeneratorOptions(
    articles,
    int.Parse(arguments.GetValueOrDefault("seed", "20211002"), System.Globalization.CultureInfo.InvariantCulture),
    int.Parse(arguments.GetValueOrDefault("drafts-percent", "10"), System.Globalization.CultureInfo.InvariantCulture),
    int.Parse(arguments.GetValueOrDefault("body-bytes", "8192"), System.Globalization.CultureInfo.InvariantCulture));
LocalPostgresCluster? cluster = null;
var connectionString = arguments.GetValueOrDefault("connection") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Commentary");
if (string.IsNullOrWhiteSpace(connectionString))
{
    var directory = arguments.GetValueOrDefault("cluster") ?? Path.Combine(Directory.GetCurrentDirectory(), ".data", "postgres");
    cluster = await LocalPostgresCluster.StartAsync(directory, durable: true);
    var database = arguments.GetValueOrDefault("print-connection") ?? arguments.GetValueOrDefault("database", "commentary_bench");
    await cluster.EnsureDatabaseAsync(database);
    connectionString = cluster.ConnectionString(database);
}
// Bench helpers: print the connection string and leave the cluster running, or stop it.
if (arguments.ContainsKey("print-connection"))
{
    Console.WriteLine(connectionString);
    return;
}
if (arguments.ContainsKey("stop-cluster"))
{
    await (cluster?.StopAsync() ?? Task.CompletedTask);
    return;
}
await using var dataSource = NpgsqlDataSource.Create(connectionString);
await using (var db = new CommentaryDbContext(new DbContextOptionsBuilder<CommentaryDbContext>()
    .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
    .UseSnakeCaseNamingConvention()
    .Options))
{
    await db.MigrateQuietlyAsync(CancellationToken.None);
    var truncate = "TRUNCATE " + string.Join(", ", ContentTables.All) + " CASCADE";
    await db.Database.ExecuteSqlRawAsync(truncate);
}
// Autovacuum would vacuum and analyze the growing tables (and read back gigabytes of TOAST) several times during the
// load; it is off for the content tables until the load is done. (An interrupted run leaves an incomplete database,
// to be generated again, which turns it back on.)
await SetAutovacuumAsync(dataSource, enabled: false);
// Building the full-text GIN index once after the load is far cheaper than maintaining it row by row.
await using (var dropIndex = dataSource.CreateCommand("DROP INDEX IF EXISTS ix_translations_search_vector"))
{
    await dropIndex.ExecuteNonQueryAsync();
}
var generator = new CatalogGenerator(dataSource, options);
var stopwatch = Stopwatch.StartNew();
AnsiConsole.MarkupLine(Markup.Escape(await generator.PrepareSearchVectorsAsync(CancellationToken.None)));
await generator.SeedReferenceDataAsync(CancellationToken.None);
var prepared = stopwatch.Elapsed;
const int chunk = 1_000;
await AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
    .StartAsync(async context =>
    {
        var task = context.AddTask($"{articles:N0} articles", maxValue: articles);
        // One writer per core (at least two): while one builds its rows, the server stores another's.
        var chunks = Enumerable.Range(0, (articles + chunk - 1) / chunk).Select(c => c * chunk);
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) }, async (first, cancellationToken) =>
        {
            var count = Math.Min(chunk, articles - first);
            await generator.WriteChunkAsync(first, count, cancellationToken);
            task.Increment(count);
        });
    });
var loaded = stopwatch.Elapsed;
// The load may bypass triggers (see CatalogGenerator), among them the one that queues changed articles for their
// prebuilt pages: queue every public article here, as that trigger would have; the API's worker renders them.
await using (var queueRenditions = dataSource.CreateCommand("""
    INSERT INTO rendition_queue (article_id, generation, cascade, enqueued_at)
    SELECT DISTINCT t.article_id, 1, false, now() FROM translations t JOIN articles a ON a.id = t.article_id
    WHERE t.published_revision IS NOT NULL AND a.deleted_at IS NULL
    ON CONFLICT (article_id) DO NOTHING
    """))
{
    await queueRenditions.ExecuteNonQueryAsync();
}
await AnsiConsole.Status().StartAsync("Indexing for full-text search", async _ =>
{
    // The GIN build runs on one core: the sample check of the stored vectors and the statistics of every other table
    // use the other one meanwhile (ANALYZE translations would wait for the index build's lock).
    var index = Task.Run(async () =>
    {
        await using var createIndex = dataSource.CreateCommand(
            "SET maintenance_work_mem = '512MB'; CREATE INDEX ix_translations_search_vector ON translations USING GIN (search_vector)");
        createIndex.CommandTimeout = 0;
        await createIndex.ExecuteNonQueryAsync();
    });
    if (generator.ClientSearchVectors)
    {
        await generator.VerifySearchVectorsAsync(CancellationToken.None);
    }
    await using (var analyzeOthers = dataSource.CreateCommand(
        "DO $$ BEGIN EXECUTE (SELECT 'ANALYZE ' || string_agg(format('%I', tablename), ', ') FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'translations'); END $$"))
    {
        analyzeOthers.CommandTimeout = 0;
        await analyzeOthers.ExecuteNonQueryAsync();
    }
    await index;
});
await SetAutovacuumAsync(dataSource, enabled: true);
var indexed = stopwatch.Elapsed;
await using (var analyze = dataSource.CreateCommand("ANALYZE translations"))
{
    analyze.CommandTimeout = 0;
    await analyze.ExecuteNonQueryAsync();
}
AnsiConsole.MarkupLine(
    $"[green]Generated {articles:N0} articles in {stopwatch.Elapsed.TotalSeconds:F1} s[/] (prepare {prepared.TotalSeconds:F1} s, load {(loaded - prepared).TotalSeconds:F1} s, " +
    $"search index with check and statistics {(indexed - loaded).TotalSeconds:F1} s, statistics of translations {(stopwatch.Elapsed - indexed).TotalSeconds:F1} s)");
if (cluster is not null)
{
    await cluster.StopAsync();
}
static async Task SetAutovacuumAsync(NpgsqlDataSource dataSource, bool enabled)
{
    var statements = ContentTables.All.Select(table => enabled
        ? $"ALTER TABLE {table} RESET (autovacuum_enabled, toast.autovacuum_enabled);"
        : $"ALTER TABLE {table} SET (autovacuum_enabled = off, toast.autovacuum_enabled = off);");
    await using var command = dataSource.CreateCommand(string.Concat(statements));
    await command.ExecuteNonQueryAsync();
}
static Dictionary<string, string> ParseArguments(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        result[args[i].TrimStart('-')] = args[i + 1];
    }
    return result;
}
internal static class ContentTables
{
    public static readonly string[] All =
        ["articles", "translations", "translation_revisions", "article_authors", "article_topics", "quotes", "related_links", "content_changes", "sources", "authors", "topics", "article_renditions", "rendition_queue"];
}
