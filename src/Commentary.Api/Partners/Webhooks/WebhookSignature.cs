using System.Security.Cryptography;
using System.Text;

namespace Commentary.Api.Partners.Webhooks;

/// <summary>Standard Webhooks signing: <c>v1,base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}"))</c>.</summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: 32 random bytes, shown as <c>whsec_&lt;base64&gt;</c>.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The HMAC key: the decoded bytes of a <c>whsec_</c> secret, otherwise the secret's UTF-8 bytes.</summary>
    public static byte[] KeyOf(string secret) =>
        TryDecode(secret, out var key) ? key : Encoding.UTF8.GetBytes(secret);

    public static bool TryDecode(string secret, out byte[] key)
    {
        key = [];
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var encoded = secret[SecretPrefix.Length..];
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var written))
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }

    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(KeyOf(secret), content));
    }
}
