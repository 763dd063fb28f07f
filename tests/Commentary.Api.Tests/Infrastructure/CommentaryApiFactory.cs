using System.Net.Http.Headers;
using Commentary.Api.Access.Keys;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Infrastructure;

/// <summary>The API over the real HTTP pipeline (TestServer), on the test database (or another database of its cluster).</summary>
public sealed class CommentaryApiFactory(TestDatabase database, string? connectionString = null) : WebApplicationFactory<Program>
{
    public const string AdminKey = "cmk_test-admin-key-for-the-integration-suite";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Commentary", connectionString ?? database.ConnectionString);
        builder.UseSetting("Commentary:BootstrapAdminKey", AdminKey);
        builder.UseSetting("Commentary:Database:MigrateOnStartup", "false");
        builder.UseSetting("Commentary:Database:ImportSample", "false");
        builder.UseSetting("Commentary:Webhooks:AllowPrivateTargets", "true");
        // The address TestServer's clients use, so links to the API read as they would behind a configured public address.
        builder.UseSetting("Commentary:Site:ApiUrl", "http://localhost");
        // The suite sends thousands of requests from one "client" within a minute; RateLimitingTests sets tiny limits of its own.
        builder.UseSetting("Commentary:RateLimits:AnonymousPerWindow", "1000000");
        builder.UseSetting("Commentary:RateLimits:PerKeyPerWindow", "1000000");
        // Webhook tests start their own dispatcher (fast retries) in a derived factory; the shared app sends nothing.
        builder.UseSetting("Commentary:Webhooks:DispatcherEnabled", "false");
        // Likewise renditions: tests render when they choose (ApiTest.RenderAsync), so every read path is exercised on purpose.
        builder.UseSetting("Commentary:Renditions:Worker", "false");
        // Meter listeners are process-wide: every app's instruments report to every reader, so only the telemetry tests'
        // apps (Platform/Telemetry/TelemetryCapture) collect, and no other app's gauges blur what they read.
        builder.UseSetting("OTEL_SDK_DISABLED", "true");
    }

    public HttpClient ClientWithKey(string? key)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Creates a key with <paramref name="role"/> straight in the database and returns its secret.</summary>
    public async Task<string> CreateKeyAsync(string role, string? name = null)
    {
        var secret = ApiKeySecrets.Generate();
        var hash = ApiKeySecrets.Hash(secret);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Commentary.Api.Platform.Database.CommentaryDbContext>();
        db.ApiKeys.Add(new ApiKey { Name = name ?? $"test {role}", Role = role, LookupId = ApiKeySecrets.LookupIdOf(hash), SecretHash = hash, CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return secret;
    }

    public async Task EnsureAdminKeyAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BootstrapAdminKey>().EnsureAsync(CancellationToken.None);
    }
}
