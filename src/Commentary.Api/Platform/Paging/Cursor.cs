using System.Security.Cryptography;
using System.Text;

namespace Commentary.Api.Platform.Paging;

/// <summary>
/// Opaque, signed page cursors. The payload is a few invariant-culture fields; the HMAC stops clients from
/// forging positions, so a tampered cursor is a 400 rather than a query over arbitrary values.
/// </summary>
public sealed class CursorCodec(byte[] key)
{
    public string Encode(params string[] fields)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join('\u001f', fields));
        var mac = HMACSHA256.HashData(key, payload).AsSpan(0, 12);
        return Base64Url(payload) + "." + Base64Url(mac.ToArray());
    }

    public bool TryDecode(string? cursor, int fieldCount, out string[] fields)
    {
        fields = [];
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 512)
        {
            return false;
        }

        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !TryFromBase64Url(cursor[..dot], out var payload) || !TryFromBase64Url(cursor[(dot + 1)..], out var mac))
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payload).AsSpan(0, 12), mac))
        {
            return false;
        }

        fields = Encoding.UTF8.GetString(payload).Split('\u001f');
        return fields.Length == fieldCount;
    }

    /// <summary>
    /// Decodes a cursor issued for the list <paramref name="kind"/> (its first field) and returns the other
    /// <paramref name="fieldCount"/> fields: a cursor of one list cannot be replayed against another.
    /// </summary>
    public bool TryDecode(string? cursor, string kind, int fieldCount, out string[] fields)
    {
        if (TryDecode(cursor, fieldCount + 1, out var all) && all[0] == kind)
        {
            fields = all[1..];
            return true;
        }

        fields = [];
        return false;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}

/// <summary>One page of a keyset-paginated list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public static class PageLimits
{
    public const int Default = 20;
    public const int Max = 100;
}
