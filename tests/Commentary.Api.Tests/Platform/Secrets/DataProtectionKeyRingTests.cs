using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commentary.Api.Tests.Platform.Secrets;

/// <summary>
/// Data Protection's key ring lives in PostgreSQL, so every instance shares it, and in Production it is encrypted with
/// a certificate from configuration: a key ring stored beside the data it protects would protect nothing.
/// </summary>
public sealed class DataProtectionKeyRingTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task KeyRing_IsInPostgres_AndSharedByInstances()
    {
        await using var one = Factory.WithWebHostBuilder(_ => { });
        await using var two = Factory.WithWebHostBuilder(_ => { });
        var protectedText = one.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("hello");

        Assert.Equal("hello", two.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
        Assert.NotEmpty(await StoredKeysAsync());
    }

    [Fact]
    public async Task WithACertificate_TheStoredKeysAreEncrypted()
    {
        using var folder = new TempFolder("commentary-dp-");
        Directory.CreateDirectory(folder.Path);
        var path = Path.Combine(folder.Path, "dataprotection.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=commentary-dataprotection-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        }

        await using var connection = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var keep = new NpgsqlCommand(
            "CREATE TEMP TABLE kept_keys AS SELECT * FROM data_protection_keys; DELETE FROM data_protection_keys", connection);
        await keep.ExecuteNonQueryAsync();
        try
        {
            await using var app = Factory.WithWebHostBuilder(b =>
            {
                b.UseSetting("Commentary:DataProtection:CertificatePath", path);
                b.UseSetting("Commentary:DataProtection:CertificatePassword", "pfx-password");
            });
            var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
            Assert.Equal("hello", protector.Unprotect(protector.Protect("hello")));

            var xml = Assert.Single(await StoredKeysAsync());
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        }
        finally
        {
            // Hosts of later tests have no certificate: they get back the key ring the running hosts hold in memory.
            await using var restore = new NpgsqlCommand(
                "DELETE FROM data_protection_keys; INSERT INTO data_protection_keys SELECT * FROM kept_keys", connection);
            await restore.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public void Production_WithoutACertificate_RefusesToStart_NamingTheSetting()
    {
        using var app = Factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var printed = new StringWriter();
        var console = Console.Error;
        Console.SetError(printed);
        try
        {
            // Program prints a configuration problem and exits with 1, so the host is never built.
            Assert.ThrowsAny<Exception>(() => app.Server);
        }
        finally
        {
            Console.SetError(console);
        }

        Assert.Contains("Commentary__DataProtection__CertificatePath", printed.ToString(), StringComparison.Ordinal);
    }

    private async Task<List<string>> StoredKeysAsync()
    {
        await using var connection = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys", connection);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
