using System.Globalization;

namespace Commentary.Api.Platform.Query;

/// <summary>Encoding checks of query values: bytes that are not UTF-8, NUL, unpaired surrogates.</summary>
public sealed partial class PublicQuery
{
    /// <summary>
    /// ASP.NET Core replaces invalid UTF-8 in the query with U+FFFD silently; a percent-encoded lone surrogate or overlong
    /// sequence is a client error, so the raw query is checked once, strictly.
    /// </summary>
    private void CheckEncoding(string? rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery) || !rawQuery.Contains('%', StringComparison.Ordinal))
        {
            return;
        }

        foreach (var pair in rawQuery.TrimStart('?').Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            if (!IsValidUtf8(pair))
            {
                Fail(Uri.UnescapeDataString(name.Replace('+', ' ')), "Must be valid UTF-8.");
            }
        }
    }

    private static bool IsValidUtf8(string encoded)
    {
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%' && i + 2 < encoded.Length && byte.TryParse(encoded.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else if (encoded[i] < 0x80)
            {
                bytes.Add((byte)encoded[i]);
            }
            else
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(encoded[i].ToString()));
            }
        }

        return System.Text.Unicode.Utf8.IsValid(bytes.ToArray());
    }

    private static bool HasUnpairedSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }
}
