using Commentary.Api.Platform.Database.Standby;
using Npgsql;

namespace Commentary.Api.Tests.Platform.Database.Standby;

/// <summary>Which failures on the standby move a read to the primary, and which of them leave the standby in use.</summary>
public sealed class StandbyFailureTests
{
    [Theory]
    [InlineData(PostgresErrorCodes.SerializationFailure, true, true)] // canceling statement due to conflict with recovery
    [InlineData(PostgresErrorCodes.DeadlockDetected, true, true)] // buffer-pin deadlock with recovery
    [InlineData(PostgresErrorCodes.DatabaseDropped, true, false)]
    [InlineData(PostgresErrorCodes.AdminShutdown, true, false)]
    [InlineData(PostgresErrorCodes.CannotConnectNow, true, false)]
    [InlineData(PostgresErrorCodes.UndefinedTable, false, false)] // the primary would fail the same way
    [InlineData(PostgresErrorCodes.ReadOnlySqlTransaction, false, false)] // a public read that writes is a bug, not a standby's failure
    public void Failures_ThatMoveAReadToThePrimary(string sqlState, bool standbyFailure, bool replayConflict)
    {
        var failure = new InvalidOperationException("wrapped", new PostgresException("canceling statement due to conflict with recovery", "ERROR", "ERROR", sqlState));
        Assert.Equal(standbyFailure, StandbyDatabase.IsStandbyFailure(failure));
        Assert.Equal(replayConflict, StandbyDatabase.IsReplayConflict(failure));
    }

    [Fact]
    public void ConnectionFailures_MoveAReadToThePrimary() =>
        Assert.True(StandbyDatabase.IsStandbyFailure(new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException())));
}
