using Npgsql;
using NpgsqlTypes;

namespace Commentary.Api.Platform.Database.Standby;

/// <summary>
/// The primary's WAL insert position, read at most once per round trip however many requests ask: a caller waits for
/// the next lookup that is sent after it asked (never one already on its way), so the position it gets covers every
/// commit acknowledged before its request began. Requests arriving while a lookup is in flight share the next one.
/// </summary>
/// <remarks>
/// The insert position rather than <c>pg_current_wal_lsn()</c> (the write position): with <c>synchronous_commit = off</c>
/// a commit is acknowledged before its record is written, and must still count.
/// </remarks>
public sealed class PrimaryWalPosition(NpgsqlDataSource primary)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource<NpgsqlLogSequenceNumber>? _waiting;
    private bool _looking;
    private long _lookups;

    /// <summary>Lookups sent so far (what coalescing saves shows here).</summary>
    public long Lookups => Interlocked.Read(ref _lookups);

    public Task<NpgsqlLogSequenceNumber> ReadAsync(CancellationToken cancellationToken)
    {
        Task<NpgsqlLogSequenceNumber> next;
        lock (_gate)
        {
            _waiting ??= new TaskCompletionSource<NpgsqlLogSequenceNumber>(TaskCreationOptions.RunContinuationsAsynchronously);
            next = _waiting.Task;
            if (!_looking)
            {
                _looking = true;
                _ = Task.Run(LookUpWhileAskedAsync, CancellationToken.None);
            }
        }

        return next.WaitAsync(cancellationToken);
    }

    private async Task LookUpWhileAskedAsync()
    {
        while (true)
        {
            TaskCompletionSource<NpgsqlLogSequenceNumber> batch;
            lock (_gate)
            {
                if (_waiting is null)
                {
                    _looking = false;
                    return;
                }

                // Taken before the query is sent: whoever joins from now on waits for the next lookup.
                batch = _waiting;
                _waiting = null;
            }

            try
            {
                Interlocked.Increment(ref _lookups);
                await using var command = primary.CreateCommand("SELECT pg_current_wal_insert_lsn()");
                batch.SetResult((NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync())!);
            }
            catch (Exception exception)
            {
                batch.SetException(exception);
            }
        }
    }
}
