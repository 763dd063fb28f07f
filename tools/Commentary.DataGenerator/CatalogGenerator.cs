using Commentary.Api.Content.Rendering;
using Commentary.Text;
using Npgsql;
using NpgsqlTypes;

namespace Commentary.DataGenerator;

internal sealed record GeneratorOptions(int Articles, int Seed, int DraftPercent, int BodyBytes);

/// <summary>
/// Fills the content tables with binary COPY, a chunk of articles per transaction: authors, topics and sources first,
/// then articles with three translations (draft = published text, one revision each), authors, topics, quotes,
/// related links and the change-log rows partners sync from.
/// </summary>
internal sealed class CatalogGenerator(NpgsqlDataSource dataSource, GeneratorOptions options)
{
    private const int Authors = 60;
    private const int Topics = 40;
    private const int Sources = 400;
    private static readonly string[] Languages = ["en", "zh-Hans", "zh-Hant"];

    private readonly MarkdownRenderer _markdown = new();
    private readonly TextCorpus _corpus = new(options.Seed, new MarkdownRenderer().ToHtml);
    private readonly Guid[] _authorIds = NewIds(Authors);
    private readonly Guid[] _topicIds = NewIds(Topics);
    private readonly Guid[] _sourceIds = NewIds(Sources);
    private readonly DateTimeOffset _start = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private Lexicon? _lexicon;
    private bool _bypassTriggers;

    /// <summary>True when this generator stores search vectors it computed itself (see <see cref="PrepareSearchVectorsAsync"/>).</summary>
    public bool ClientSearchVectors => _lexicon is not null;

    /// <summary>
    /// PostgreSQL's to_tsvector costs ~6 ms of server CPU per article (three ~10 KB documents): ten minutes for 100,000
    /// on two cores. The corpus has a few thousand distinct tokens, so the generator asks the server for their lexemes
    /// once, builds each vector itself, and stores it with the translations_search_vector trigger bypassed (the
    /// session_replication_role of a superuser; it also skips foreign-key triggers, the rows are consistent by construction).
    /// A sample goes through the real trigger first; if any vector differs, or the role is missing, the trigger computes
    /// them all as usual.
    /// </summary>
    public async Task<string> PrepareSearchVectorsAsync(CancellationToken cancellationToken)
    {
        await using (var superuser = dataSource.CreateCommand("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))
        {
            if (await superuser.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return "search vectors computed by PostgreSQL (not a superuser: the trigger cannot be bypassed)";
            }
        }

        Lexicon lexicon;
        try
        {
            lexicon = await Lexicon.LoadAsync(dataSource, _corpus.AllTokens(), cancellationToken);
            _corpus.Index(lexicon);
        }
        catch (NotSupportedException e)
        {
            // Another server's parser or locale may split the corpus differently than the C locale does.
            return $"search vectors computed by PostgreSQL ({e.Message})";
        }

        var builder = new SearchVectorBuilder(lexicon);
        var random = new Random(options.Seed - 1);
        var sample = Enumerable.Range(0, 60).Select(i => NewArticle(i, 0, random)).SelectMany(a => a.Translations).ToList();
        foreach (var t in sample.Where(t => t.Language != "zh-Hant"))
        {
            if (SearchTextOf(t) != SearchText.ForDocument(t.Title, t.Summary, t.Body.Markdown))
            {
                throw new InvalidOperationException("Paragraph-wise search text differs from SearchText.ForDocument.");
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await CreateCheckTableAsync(connection, cancellationToken);

        await using (var writer = await connection.BeginBinaryImportAsync("COPY search_vector_check (published_search_text, expected) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var t in sample)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(SearchTextOf(t), NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(VectorOf(builder, lexicon, t), NpgsqlDbType.Bytea, cancellationToken);
            }

            // An unpublished translation (no search text) gets the trigger's empty vector, not NULL.
            await writer.WriteRowAsync(cancellationToken, DBNull.Value, EmptyVector);

            await writer.CompleteAsync(cancellationToken);
        }

        await using var compare = new NpgsqlCommand("SELECT count(*) FILTER (WHERE search_vector IS DISTINCT FROM expected) FROM search_vector_check", connection);
        var different = (long)(await compare.ExecuteScalarAsync(cancellationToken))!;
        if (different > 0)
        {
            return $"search vectors computed by PostgreSQL ({different} of {sample.Count} sample vectors built here differed from the trigger's)";
        }

        _lexicon = lexicon;
        _bypassTriggers = true;
        return $"search vectors built here ({lexicon.Lexemes.Length:N0} lexemes; {sample.Count} samples identical to the trigger's)";
    }

    public async Task SeedReferenceDataAsync(CancellationToken cancellationToken)
    {
        // The stored HTML must be what the publisher would have rendered; check it once on a real body.
        var sample = _corpus.Body(new Random(options.Seed), options.BodyBytes);
        if (_markdown.ToHtml(sample.ZhHant.Markdown) != sample.ZhHant.Html || _markdown.ToHtml(sample.En.Markdown) != sample.En.Html)
        {
            throw new InvalidOperationException("Paragraph-wise rendering differs from rendering the whole body.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var random = new Random(options.Seed);
        await CopyNamedAsync(connection, "authors", "bio", _authorIds, "author", random, cancellationToken);
        await CopyNamedAsync(connection, "topics", "description", _topicIds, "topic", random, cancellationToken);

        await using var sources = await connection.BeginBinaryImportAsync(
            "COPY sources (id, slug, kind, version, created_at, updated_at, name_en, name_zh_hans, name_zh_hant, role_en, role_zh_hans, role_zh_hant) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        for (var i = 0; i < _sourceIds.Length; i++)
        {
            var name = _corpus.Sentence(random);
            var role = _corpus.Sentence(random);
            await sources.WriteRowAsync(cancellationToken, _sourceIds[i], $"source-{i}", i % 10 == 0 ? "outlet" : "person", 1, _start, _start,
                $"Source {i}", Truncate(name.ZhHans, 12), Truncate(name.ZhHant, 12), Truncate(role.En, 120), Truncate(role.ZhHans, 40), Truncate(role.ZhHant, 40));
        }

        await sources.CompleteAsync(cancellationToken);
    }

    /// <summary>Writes articles [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) in one transaction.</summary>
    public async Task WriteChunkAsync(int first, int count, CancellationToken cancellationToken)
    {
        var random = new Random(HashCode.Combine(options.Seed, first));
        var articles = Enumerable.Range(first, count).Select(i => NewArticle(i, first, random)).ToList();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Bulk load: lz4 compresses the large bodies several times faster than the default pglz, and a lost
        // generator chunk on a crash is simply generated again.
        await using (var settings = new NpgsqlCommand(
            "SET LOCAL synchronous_commit = off; SET LOCAL default_toast_compression = 'lz4'" + (_bypassTriggers ? "; SET LOCAL session_replication_role = replica" : ""),
            connection, transaction))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY articles (id, slug, original_language, published_original_language, version, created_at, updated_at, first_published_at, last_published_at, scheduled_languages) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var a in articles)
            {
                // A published article's shared parts are what readers see: published_original_language is set with them.
                await writer.WriteRowAsync(cancellationToken, a.Id, a.Slug, "en", a.Published ? "en" : null, 1, a.CreatedAt, a.CreatedAt,
                    a.Published ? a.CreatedAt : null, a.Published ? a.CreatedAt : null, Array.Empty<string>());
            }

            await writer.CompleteAsync(cancellationToken);
        }

        var builder = _lexicon is null ? null : new SearchVectorBuilder(_lexicon);
        await using (var translations = await connection.BeginBinaryImportAsync(
            "COPY translations (id, article_id, language, title, summary, body, revision, source_revision, machine_converted, created_at, updated_at, published_revision, published_title, published_summary, published_body, published_at, published_updated_at, published_search_text, published_body_html" +
            (builder is null ? "" : ", search_vector") + ") FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var a in articles)
            {
                // zh-Hant folds to the same search text as zh-Hans: its vector is built once.
                (string Text, byte[]? Vector) previous = ("", null);
                foreach (var t in a.Translations)
                {
                    var searchText = a.Published ? SearchTextOf(t) : null;
                    var vector = EmptyVector;
                    if (searchText is not null && builder is not null)
                    {
                        vector = searchText == previous.Text ? previous.Vector : VectorOf(builder, _lexicon!, t);
                        previous = (searchText, vector);
                    }

                    await translations.StartRowAsync(cancellationToken);
                    await translations.WriteAsync(t.Id, NpgsqlDbType.Uuid, cancellationToken);
                    await translations.WriteAsync(a.Id, NpgsqlDbType.Uuid, cancellationToken);
                    await translations.WriteAsync(t.Language, NpgsqlDbType.Varchar, cancellationToken);
                    await translations.WriteAsync(t.Title, NpgsqlDbType.Varchar, cancellationToken);
                    await translations.WriteAsync(t.Summary, NpgsqlDbType.Varchar, cancellationToken);
                    await translations.WriteAsync(t.Body.Markdown, NpgsqlDbType.Varchar, cancellationToken);
                    await translations.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                    await WriteNullable(translations, t.Language == "en" ? null : 1, NpgsqlDbType.Integer, cancellationToken);
                    await translations.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                    await translations.WriteAsync(a.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                    await translations.WriteAsync(a.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                    await WriteNullable(translations, a.Published ? 1 : null, NpgsqlDbType.Integer, cancellationToken);
                    await WriteNullable(translations, a.Published ? t.Title : null, NpgsqlDbType.Varchar, cancellationToken);
                    await WriteNullable(translations, a.Published ? t.Summary : null, NpgsqlDbType.Varchar, cancellationToken);
                    await WriteNullable(translations, a.Published ? t.Body.Markdown : null, NpgsqlDbType.Varchar, cancellationToken);
                    await WriteNullable(translations, a.Published ? a.CreatedAt : null, NpgsqlDbType.TimestampTz, cancellationToken);
                    await WriteNullable(translations, a.Published ? a.CreatedAt : null, NpgsqlDbType.TimestampTz, cancellationToken);
                    // The same search text the publisher stores (checked against SearchText.ForDocument on a sample).
                    await WriteNullable(translations, searchText, NpgsqlDbType.Text, cancellationToken);
                    await WriteNullable(translations, a.Published ? t.Body.Html : null, NpgsqlDbType.Text, cancellationToken);
                    if (builder is not null)
                    {
                        // The tsvector's binary form: COPY hands the bytes to tsvector's receive function.
                        await WriteNullable(translations, vector, NpgsqlDbType.Bytea, cancellationToken);
                    }
                }
            }

            await translations.CompleteAsync(cancellationToken);
        }

        await using (var revisions = await connection.BeginBinaryImportAsync(
            "COPY translation_revisions (id, translation_id, number, title, summary, body, machine_converted, created_at, created_by) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var a in articles)
            {
                foreach (var t in a.Translations)
                {
                    await revisions.WriteRowAsync(cancellationToken, Guid.CreateVersion7(), t.Id, 1, t.Title, t.Summary, t.Body.Markdown, false, a.CreatedAt, "generator");
                }
            }

            await revisions.CompleteAsync(cancellationToken);
        }

        await CopyRowsAsync(connection, "COPY article_authors (article_id, author_id, position) FROM STDIN (FORMAT BINARY)",
            articles.SelectMany(a => a.Authors.Select((id, i) => new object[] { a.Id, id, i })), cancellationToken);
        await CopyRowsAsync(connection, "COPY article_topics (article_id, topic_id, position) FROM STDIN (FORMAT BINARY)",
            articles.SelectMany(a => a.Topics.Select((id, i) => new object[] { a.Id, id, i })), cancellationToken);
        await CopyRowsAsync(connection, "COPY quotes (id, article_id, position, source_id, text_en, text_zh_hans, text_zh_hant) FROM STDIN (FORMAT BINARY)",
            articles.SelectMany(a => a.Quotes.Select((q, i) => new object[] { Guid.CreateVersion7(), a.Id, i, q.Source, q.Text.En, q.Text.ZhHans, q.Text.ZhHant })), cancellationToken);
        await CopyRowsAsync(connection, "COPY related_links (id, article_id, position, target_article_id) FROM STDIN (FORMAT BINARY)",
            articles.SelectMany(a => a.Related.Select((target, i) => new object[] { Guid.CreateVersion7(), a.Id, i, target })), cancellationToken);
        await CopyRowsAsync(connection, "COPY content_changes (article_id, language, changed_at) FROM STDIN (FORMAT BINARY)",
            articles.Where(a => a.Published).SelectMany(a => Languages.Select(l => new object[] { a.Id, l, a.CreatedAt })), cancellationToken);

        await transaction.CommitAsync(cancellationToken);
    }

    private GeneratedArticle NewArticle(int index, int chunkStart, Random random)
    {
        var created = _start.AddMinutes(index * 7L + random.Next(5));
        var title = _corpus.Sentence(random);
        var summary = _corpus.Sentence(random);
        var body = _corpus.Body(random, options.BodyBytes);
        // Links stay inside the chunk: chunks are written in parallel, and a target must be committed with its link.
        var related = index - chunkStart < 10 ? [] : new[] { ArticleId(random.Next(chunkStart, index)), ArticleId(random.Next(chunkStart, index)) }.Distinct().ToArray();
        return new GeneratedArticle(
            ArticleId(index),
            $"article-{index}-{Truncate(title.En, 40).ToLowerInvariant().Replace(' ', '-').TrimEnd('.', '-')}",
            created,
            random.Next(100) >= options.DraftPercent,
            [
                new GeneratedTranslation(Guid.CreateVersion7(), "en", TruncateWords(title.En, 200), TruncateWords(summary.En, 300), body.En),
                new GeneratedTranslation(Guid.CreateVersion7(), "zh-Hans", Truncate(title.ZhHans, 60), Truncate(summary.ZhHans, 150), body.ZhHans),
                new GeneratedTranslation(Guid.CreateVersion7(), "zh-Hant", Truncate(title.ZhHant, 60), Truncate(summary.ZhHant, 150), body.ZhHant),
            ],
            [_authorIds[random.Next(Authors)]],
            new[] { _topicIds[random.Next(Topics)], _topicIds[random.Next(Topics)] }.Distinct().ToArray(),
            Enumerable.Range(0, 3).Select(_ => (_sourceIds[random.Next(Sources)], _corpus.Sentence(random))).ToArray(),
            related);
    }

    // Deterministic ids let related links point at other articles without a lookup.
    private Guid ArticleId(int index) => new(options.Seed, 0x7a7a, 0x4000, BitConverter.GetBytes((long)index));

    private async Task CopyNamedAsync(NpgsqlConnection connection, string table, string textColumn, Guid[] ids, string prefix, Random random, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {table} (id, slug, version, created_at, updated_at, name_en, name_zh_hans, name_zh_hant, {textColumn}_en, {textColumn}_zh_hans, {textColumn}_zh_hant) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        for (var i = 0; i < ids.Length; i++)
        {
            var name = _corpus.Sentence(random);
            var text = _corpus.Sentence(random);
            await writer.WriteRowAsync(cancellationToken, ids[i], $"{prefix}-{i}", 1, _start, _start,
                $"{char.ToUpperInvariant(prefix[0])}{prefix[1..]} {i}", Truncate(name.ZhHans, 8), Truncate(name.ZhHant, 8), text.En, text.ZhHans, text.ZhHant);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task CopyRowsAsync(NpgsqlConnection connection, string copy, IEnumerable<object[]> rows, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await writer.WriteRowAsync(cancellationToken, row);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNullable(NpgsqlBinaryImporter writer, object? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await writer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await writer.WriteAsync(value, type, cancellationToken);
        }
    }

    private static Guid[] NewIds(int count) => Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    // English titles end on a whole word, as an editor would cut them (and every token stays in the lexicon).
    private static string TruncateWords(string text, int length) => text.Length <= length ? text : text[..text.LastIndexOf(' ', length)];

    private static string SearchTextOf(GeneratedTranslation t) => string.Concat(
        SearchText.Prepare(t.Title, index: true), SearchText.FieldSeparator.ToString(), SearchText.Prepare(t.Summary, index: true),
        SearchText.FieldSeparator.ToString(), t.Body.SearchText);

    private static byte[] VectorOf(SearchVectorBuilder builder, Lexicon lexicon, GeneratedTranslation t) => builder.Build(
        lexicon.Tokenize(SearchText.Prepare(t.Title, index: true)), lexicon.Tokenize(SearchText.Prepare(t.Summary, index: true)), t.Body.Tokens);

    /// <summary>Runs the stored vectors of 1,000 random translations through the real trigger again: they must not change.</summary>
    public async Task VerifySearchVectorsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await CreateCheckTableAsync(connection, cancellationToken);
        await using var command = new NpgsqlCommand(
            "INSERT INTO search_vector_check (published_search_text, expected) SELECT published_search_text, search_vector FROM translations ORDER BY random() LIMIT 1000; " +
            "SELECT count(*) FILTER (WHERE search_vector IS DISTINCT FROM expected) FROM search_vector_check", connection);
        var different = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        if (different > 0)
        {
            throw new InvalidOperationException($"{different} of 1,000 stored search vectors differ from what the trigger computes.");
        }
    }

    // A scratch table with the translations_search_vector trigger: what the trigger computes lands next to what we expect.
    private static async Task CreateCheckTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var create = new NpgsqlCommand(
            "CREATE TEMP TABLE search_vector_check (published_search_text text, search_vector tsvector, expected tsvector); " +
            "CREATE TRIGGER search_vector_check BEFORE INSERT ON search_vector_check FOR EACH ROW EXECUTE FUNCTION translations_search_vector()", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    // The binary form of the empty tsvector: what the trigger stores for a translation without search text.
    private static readonly byte[] EmptyVector = new byte[4];

    private sealed record GeneratedTranslation(Guid Id, string Language, string Title, string Summary, Body Body);

    private sealed record GeneratedArticle(
        Guid Id, string Slug, DateTimeOffset CreatedAt, bool Published, GeneratedTranslation[] Translations,
        Guid[] Authors, Guid[] Topics, (Guid Source, (string En, string ZhHans, string ZhHant) Text)[] Quotes, Guid[] Related);
}
