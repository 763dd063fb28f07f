using System.Text;
using Npgsql;

namespace Commentary.Api.Tests.Robustness.BadInput;

/// <summary>What proves a rejected write stored nothing, not even half: the database before and after must read the same.</summary>
internal static class DatabaseSnapshot
{
    /// <summary>Row count and a digest of every row of every table (API keys by count only: using a key stamps it).</summary>
    public static async Task<string> TakeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '__ef_migrations_history' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var snapshot = new StringBuilder();
        foreach (var table in tables)
        {
            var digest = table == "api_keys" ? "''" : $"coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')";
            await using var command = new NpgsqlCommand($"SELECT count(*) || ' ' || {digest} FROM \"{table}\" t", connection);
            snapshot.Append(table).Append(": ").Append(await command.ExecuteScalarAsync()).Append('\n');
        }

        return snapshot.ToString();
    }
}
