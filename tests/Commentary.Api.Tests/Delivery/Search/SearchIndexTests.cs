using System.Text.Json;
using Commentary.Api.Tests.Infrastructure;
using Npgsql;

namespace Commentary.Api.Tests.Delivery.Search;

/// <summary>The index behind search: maintained by the publish itself, and used by the query plan.</summary>
public sealed class SearchIndexTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task PublishFillsAndUnpublishClearsTheSearchVector()
    {
        var seed = new ContentSeeder(Factory.Services);
        var id = await seed.SimpleAsync("a", "Naval exercises", "軍事合作");

        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM translations WHERE search_vector @@ websearch_to_tsquery('english', 'exercise')"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM translations WHERE search_vector @@ websearch_to_tsquery('english', '军事')"));

        await seed.UnpublishAsync(id);

        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM translations WHERE length(search_vector) > 0"));
    }

    [Fact]
    public async Task SearchQuery_CanUseTheGinIndex()
    {
        await using var connection = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand(
            "EXPLAIN SELECT article_id FROM translations WHERE published_revision IS NOT NULL AND search_vector @@ websearch_to_tsquery('english', 'x')", connection);
        var plan = string.Join("\n", await ReadAllAsync(explain));

        Assert.Contains("ix_translations_search_vector", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicRoutes_AreInTheOpenApiDocument()
    {
        var root = JsonDocument.Parse(await Anonymous.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var document = root.GetProperty("paths");
        Assert.Contains("Paging.PageOfReadModel.PublicArticleSummary", root.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(p => p.Name));

        foreach (var path in new[] { "/api/articles", "/api/articles/{slug}", "/api/articles/{slug}/related", "/api/search", "/api/topics", "/api/topics/{slug}", "/api/authors/{slug}", "/api/sources", "/api/sources/{slug}" })
        {
            Assert.True(document.TryGetProperty(path, out _), path);
        }

        var list = document.GetProperty("/api/articles").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).Order().ToArray();
        Assert.Equal(["author", "cursor", "from", "lang", "limit", "source", "to", "topic"], list);
        Assert.Equal(Commentary.Api.Delivery.ReadModel.PublicArticleFilter.Parameters.Order().ToArray(), list);
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<List<string>> ReadAllAsync(NpgsqlCommand command)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}
