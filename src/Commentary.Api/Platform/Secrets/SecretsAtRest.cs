using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Commentary.Api.Platform.Database;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Platform.Secrets;

/// <summary>
/// ASP.NET Core Data Protection for the secrets the API must be able to read back (webhook secrets, the generated cursor
/// key). Its key ring lives in PostgreSQL so every instance shares it; in Production it is encrypted with a certificate
/// from configuration, because a key ring stored beside the data it protects would protect nothing.
/// </summary>
public static class SecretsAtRest
{
    /// <summary>The same on every instance: Data Protection isolates payloads by application name.</summary>
    public const string ApplicationName = "commentary-api";

    public static WebApplicationBuilder AddSecretsAtRest(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Commentary:DataProtection");
        var protection = builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<CommentaryDbContext>();
        var path = section["CertificatePath"];
        if (!string.IsNullOrWhiteSpace(path))
        {
            var certificate = LoadCertificate(path, section["CertificatePassword"]);
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        else if (builder.Environment.IsProduction())
        {
            throw new StartupConfigurationException(
                "No certificate protects the Data Protection key ring: set Commentary__DataProtection__CertificatePath to a PKCS#12 (.pfx) file "
                + "with its private key (and Commentary__DataProtection__CertificatePassword). Webhook secrets and the cursor key are encrypted "
                + "with that key ring, which is stored in the database; without a certificate anyone with a copy of the database could read them.");
        }

        return builder;
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            return certificate.HasPrivateKey
                ? certificate
                : throw new StartupConfigurationException($"The Data Protection certificate {path} has no private key: export it as .pfx with its key.");
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new StartupConfigurationException($"Cannot read the Data Protection certificate {path} (Commentary:DataProtection:CertificatePath): {e.Message}");
        }
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> key) => key.ToTable("data_protection_keys");
}
