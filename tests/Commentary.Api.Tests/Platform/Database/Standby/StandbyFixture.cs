using System.Net.Http.Headers;
using Commentary.Api.Platform.Database.Standby;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commentary.Api.Tests.Platform.Database.Standby;

/// <summary>
/// A primary with a streaming standby (made once per test class by the provisioning code of <c>dotnet run</c>), a
/// writer instance on the primary alone, and a reader instance whose public reads go to the standby. The reader keeps
/// no output cache: an eviction reaching other instances is the shared cache's business, not the standby's.
/// </summary>
public sealed class StandbyFixture : IAsyncLifetime
{
    public const int MaxLagMilliseconds = 500;

    public OwnClusterApp App { get; private set; } = null!;
    public WebApplicationFactory<Program> Reader { get; private set; } = null!;

    public HttpClient Writer
    {
        get
        {
            var client = App.Factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OwnClusterApp.AdminKey);
            return client;
        }
    }

    public StandbyDatabase ReaderStandby => Reader.Services.GetRequiredService<StandbyDatabase>();

    public async Task InitializeAsync()
    {
        App = await OwnClusterApp.StartAsync();
        await App.StartStandbyAsync();
        Reader = App.AnotherInstance(builder =>
        {
            builder.UseSetting("ConnectionStrings:CommentaryStandby", App.StandbyConnectionString);
            builder.UseSetting("Commentary:Standby:MaxLagMilliseconds", MaxLagMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Commentary:Standby:RetryAfterSeconds", "1");
            builder.UseSetting("Commentary:Caching:OutputCache", "false");
        });
        _ = Reader.Server;
    }

    public async Task DisposeAsync()
    {
        await Reader.DisposeAsync();
        await App.DisposeAsync();
    }

    /// <summary>Runs SQL on the standby itself (pausing or resuming replay, asking where it is).</summary>
    public async Task<object?> OnStandbyAsync(string sql)
    {
        // Unpooled: a pooled connection would be dead after a test restarts the standby.
        await using var connection = new NpgsqlConnection(App.StandbyConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Waits until the standby has replayed everything the primary has written so far.</summary>
    public async Task WaitForReplayAsync()
    {
        await using var primary = new NpgsqlConnection(App.ConnectionString);
        await primary.OpenAsync();
        await using var position = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()::text", primary);
        var target = (string)(await position.ExecuteScalarAsync())!;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await OnStandbyAsync($"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") is true)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The standby did not replay {target} within 5 s");
    }

    /// <summary>Runs <paramref name="action"/> with the standby caught up, then not replaying what the primary writes meanwhile.</summary>
    public async Task WhileReplayIsPausedAsync(Func<Task> action)
    {
        await WaitForReplayAsync();
        await OnStandbyAsync("SELECT pg_wal_replay_pause()");
        try
        {
            await action();
        }
        finally
        {
            await OnStandbyAsync("SELECT pg_wal_replay_resume()");
        }
    }
}
