using System.Security.Cryptography;
using System.Text;

namespace Commentary.Api.Access.Keys;

/// <summary>
/// Key secrets look like <c>cmk_&lt;43 base64url characters&gt;</c> (256 random bits). The stored hash is SHA-256 of the
/// whole secret; its first 8 bytes, in hex, form the indexed lookup id, and the full hash is compared in constant time.
/// </summary>
public static class ApiKeySecrets
{
    public const string Prefix = "cmk_";

    public static string Generate() => Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static string LookupIdOf(byte[] hash) => Convert.ToHexStringLower(hash.AsSpan(0, 8));

    public static bool Matches(byte[] storedHash, byte[] presentedHash) => CryptographicOperations.FixedTimeEquals(storedHash, presentedHash);

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
