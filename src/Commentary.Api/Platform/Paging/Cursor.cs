using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Commentary.Api.Platform.Paging;

/// <summary>
/// Opaque, signed page cursors. The payload is a few invariant-culture fields; the HMAC stops clients from
/// forging positions, so a tampered cursor is a 400 rather than a query over arbitrary values.
/// </summary>
/// <param name="key">Signs new cursors, and checks them.</param>
/// <param name="acceptedKeys">Also check cursors (previous keys, during a rollover); never sign.</param>
public sealed class CursorCodec(byte[] key, IReadOnlyList<byte[]>? acceptedKeys = null)
{
    private readonly byte[][] _checking = [key, .. acceptedKeys ?? []];

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

        if (!_checking.Any(k => CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(k, payload).AsSpan(0, 12), mac)))
        {
            return false;
        }

        fields = Encoding.UTF8.GetString(payload).Split('\u001f');
        // A list only writes stored values into its cursors; anything else was signed with a leaked key.
        return fields.Length == fieldCount && fields.All(Validation.TextRules.IsStorable);
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

/// <summary>
/// The position of a list ordered by a time and then an id (articles by publication, deliveries by creation, quotes of a
/// source): written and read one way, so every such cursor has the same two fields.
/// </summary>
public readonly record struct KeysetPosition(DateTimeOffset At, Guid Id)
{
    public const int FieldCount = 2;

    public string Encode(CursorCodec codec, string kind) =>
        codec.Encode(kind, At.UtcTicks.ToString(CultureInfo.InvariantCulture), Id.ToString("N"));

    /// <summary>The position in a decoded cursor's fields; false for fields of another shape (a cursor of an older release).</summary>
    public static bool TryParse(string[]? fields, out KeysetPosition position)
    {
        position = default;
        if (fields is not [var ticksText, var idText]
            || !long.TryParse(ticksText, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks || !Guid.TryParse(idText, out var id))
        {
            return false;
        }

        position = new KeysetPosition(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
