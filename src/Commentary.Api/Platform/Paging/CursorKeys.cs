using System.Security.Cryptography;
using System.Text;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Secrets;

namespace Commentary.Api.Platform.Paging;

/// <summary>
/// The keys cursors are signed and checked with. <c>Commentary:CursorKey</c> when configured, else a key generated once
/// and stored encrypted in the database (shared by every instance); never one derived from other settings, which an
/// attacker may know. Keys in <c>Commentary:PreviousCursorKeys</c>, and the stored key once a configured one replaces it,
/// are still accepted, so partners' cursors survive a change of key for as long as the operator keeps them listed.
/// </summary>
public static class CursorKeys
{
    public const int MinimumLength = 32;
    private const string StoredName = "cursor-key";

    public static CursorCodec CreateCodec(IServiceProvider provider)
    {
        var configuration = provider.GetRequiredService<IConfiguration>();
        var stored = provider.GetRequiredService<StoredSecrets>();
        var accepted = (configuration.GetSection("Commentary:PreviousCursorKeys").Get<string[]>() ?? []).Select(FromSetting).ToList();
        var configured = configuration["Commentary:CursorKey"];
        // Once per process, at start (Warmup) or else on the first public request: DI factories are synchronous.
        if (string.IsNullOrEmpty(configured))
        {
            return new CursorCodec(stored.GetOrCreateAsync(StoredName, 32, CancellationToken.None).GetAwaiter().GetResult(), accepted);
        }

        if (stored.FindAsync(StoredName, CancellationToken.None).GetAwaiter().GetResult() is { } generated)
        {
            accepted.Add(generated);
        }

        return new CursorCodec(FromSetting(configured), accepted);
    }

    /// <summary>A configured key is text of at least <see cref="MinimumLength"/> characters; its hash is the HMAC key.</summary>
    private static byte[] FromSetting(string text) => text.Length >= MinimumLength
        ? SHA256.HashData(Encoding.UTF8.GetBytes("cursor:" + text))
        : throw new StartupConfigurationException(
            $"Commentary:CursorKey and Commentary:PreviousCursorKeys must be at least {MinimumLength} characters (a random string); one is {text.Length}.");

    /// <summary>
    /// Loads the codec before the first request. Left to the first requests, the synchronous factory blocked every
    /// concurrent request on DI's singleton lock while it waited for the database: at 32 connections on a cold process
    /// the thread pool starved, and no request finished for seconds (bench/run.sh measured 0 req/s). A failure here
    /// (database not up yet) is logged, and the first request tries again.
    /// </summary>
    internal sealed class Warmup(IServiceProvider services, ILogger<Warmup> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            try
            {
                _ = services.GetRequiredService<CursorCodec>();
            }
#pragma warning disable CA1031 // Start-up must not fail on a database that is not reachable yet.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                logger.LogWarning("The cursor key could not be loaded at start ({Error}); the first request loads it", exception.Message);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
