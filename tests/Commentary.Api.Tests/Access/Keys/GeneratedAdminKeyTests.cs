using System.Net;
using Commentary.Api.Access.Keys;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commentary.Api.Tests.Access.Keys;

/// <summary>
/// In Production a generated admin key is never printed (container platforms keep standard output as logs): it goes to
/// a file only its owner can read, and the log says where.
/// </summary>
public sealed class GeneratedAdminKeyTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task InProduction_TheGeneratedKeyGoesToAnOwnerOnlyFile_NotToStandardOutput()
    {
        using var folder = new TempFolder("commentary-admin-key-");
        var path = Path.Combine(folder.Path, "admin-key");
        await using (var db = CreateDbContext())
        {
            await db.ApiKeys.ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTimeOffset.UtcNow));
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Commentary:GeneratedAdminKeyFile"] = path,
        }).Build();
        var capture = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        var printed = new StringWriter();
        var console = Console.Out;
        Console.SetOut(printed);
        try
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var seeder = ActivatorUtilities.CreateInstance<BootstrapAdminKey>(scope.ServiceProvider,
                configuration, new ProductionEnvironment(), loggers.CreateLogger<BootstrapAdminKey>());
            await seeder.SeedAsync(CancellationToken.None);
        }
        finally
        {
            Console.SetOut(console);
        }

        var secret = (await File.ReadAllTextAsync(path)).Trim();
        Assert.StartsWith("cmk_", secret, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.DoesNotContain(secret, printed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(capture.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        Assert.Contains(capture.Lines, l => l.Contains(path, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await Factory.ClientWithKey(secret).GetAsync("/api/manage/keys")).StatusCode);
    }

    private sealed class ProductionEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "Commentary.Api";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
