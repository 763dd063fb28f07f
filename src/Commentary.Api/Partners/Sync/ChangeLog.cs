using System.Data.Common;
using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Commentary.Api.Partners.Sync;

/// <summary>A position in the change log: rows are read in (transaction id, sequence) order.</summary>
public readonly record struct LogPosition(long TransactionId, long Sequence)
{
    /// <summary>
    /// Every transaction below <paramref name="xmin"/> had ended when the fence was taken, so whatever it changed is
    /// visible to reads made afterwards; replaying from here re-sends at most some changes, and never skips one.
    /// </summary>
    public static LogPosition FenceAt(long xmin) => new(xmin - 1, long.MaxValue);
}

public sealed record LogEntry(LogPosition Position, Guid ArticleId, string Language, DateTimeOffset ChangedAt);

/// <summary>Log rows, the retention horizon when anything was ever pruned, and the lag, as one read gave them.</summary>
public sealed record LogRead(IReadOnlyList<LogEntry> Rows, LogPosition? Horizon, long LagSeconds);

public sealed record CatalogueEntry(Guid ArticleId, string Language, DateTimeOffset ChangedAt);

/// <summary>The raw reads behind partner sync. Keyset comparisons on row values are clearer in SQL than in LINQ.</summary>
public sealed class ChangeLog(CommentaryDbContext db)
{
    /// <summary>The oldest transaction still running anywhere in the cluster; rows of older transactions are final.</summary>
    public async Task<long> CurrentFenceAsync(CancellationToken cancellationToken)
    {
        var value = await ScalarAsync("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint", cancellationToken);
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// How far the fence trails real time: seconds since the oldest running transaction that holds a transaction id (a
    /// write) began, anywhere in the cluster, or 0. Changes committed after that transaction began wait until it ends.
    /// PostgreSQL shows other roles' transaction start times only to superusers and members of <c>pg_read_all_stats</c>:
    /// grant that to the API's role if other roles write to the cluster, or their transactions count as 0 here.
    /// </summary>
    public async Task<long> LagSecondsAsync(CancellationToken cancellationToken)
    {
        var value = await ScalarAsync(LagSql, cancellationToken);
        return Math.Max(0, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private const string LagSql = """
        SELECT COALESCE(floor(EXTRACT(EPOCH FROM clock_timestamp() - min(xact_start))), 0)::bigint
        FROM pg_stat_activity
        WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()
        """;

    private const string LogSql = """
        SELECT transaction_id, sequence, article_id, language, changed_at
        FROM content_changes
        WHERE (transaction_id, sequence) > (@tx, @seq)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
        ORDER BY transaction_id, sequence
        LIMIT @limit
        """;

    /// <summary>
    /// Change rows after <paramref name="after"/>, only of transactions that have ended: a row whose transaction is still
    /// open (and may commit later with a lower sequence than rows already visible) holds back everything after it. Then,
    /// in the same round trip (a poll that finds nothing new is most of partner sync's traffic), the retention horizon and
    /// <see cref="LagSecondsAsync"/>: the statements run in order, each in a snapshot of its own, so the horizon is read
    /// after the log, as <see cref="ChangeLogRetention.IsExpiredAsync"/> requires.
    /// </summary>
    public async Task<LogRead> ReadAsync(LogPosition after, int limit, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection())
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand(LogSql)
                    {
                        Parameters = { new("tx", after.TransactionId), new("seq", after.Sequence), new("limit", limit) },
                    },
                    new NpgsqlBatchCommand("SELECT transaction_id, sequence FROM content_change_horizon"),
                    new NpgsqlBatchCommand(LagSql),
                },
            };
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            var rows = new List<LogEntry>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new LogEntry(new LogPosition(reader.GetInt64(0), reader.GetInt64(1)), reader.GetGuid(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
            }

            await reader.NextResultAsync(cancellationToken);
            LogPosition? horizon = await reader.ReadAsync(cancellationToken) ? new LogPosition(reader.GetInt64(0), reader.GetInt64(1)) : null;
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new LogRead(rows, horizon, Math.Max(0, reader.GetInt64(0)));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Public translations after (<paramref name="afterId"/>, <paramref name="afterLanguage"/>).</summary>
    public async Task<IReadOnlyList<CatalogueEntry>> ReadCatalogueAsync(Guid afterId, string afterLanguage, int limit, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT t.article_id, t.language, COALESCE(t.published_updated_at, a.last_published_at, a.updated_at)
            FROM translations t JOIN articles a ON a.id = t.article_id
            WHERE {PublicContent.PublicTranslationSql("t", "a")}
              AND (t.article_id, t.language COLLATE "C") > (@id, @lang COLLATE "C")
            ORDER BY t.article_id, t.language COLLATE "C"
            LIMIT @limit
            """;
        return await QueryAsync(sql, [("id", afterId), ("lang", afterLanguage), ("limit", limit)],
            r => new CatalogueEntry(r.GetGuid(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2)),
            cancellationToken);
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, (string Name, object Value)[] parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(map(reader));
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
