using System.Globalization;
using System.Text;
using System.Xml;

namespace Commentary.Api.Partners.Feeds;

/// <summary>What the RSS and Atom writers share: text XML can carry, the date formats, and UTF-8 output without a byte-order mark.</summary>
internal static class FeedXml
{
    /// <summary>
    /// <paramref name="value"/> without the characters XML 1.0 forbids (controls other than tab and line breaks,
    /// U+FFFE, U+FFFF, unpaired surrogates). The text rules refuse them on input, but rows stored before that rule
    /// may hold them, and one such row must not break a feed for every reader.
    /// </summary>
    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value) || !NeedsCleaning(value))
        {
            return value ?? "";
        }

        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else if (IsAllowed(c))
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>RFC 1123 (RFC 822 with four-digit years), in GMT: what RSS 2.0 readers parse.</summary>
    public static string Rfc1123(DateTimeOffset value) => value.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 in UTC, to the second: Atom's date construct.</summary>
    public static string Rfc3339(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static void Element(XmlWriter xml, string name, string? value) => xml.WriteElementString(name, Clean(value));

    public static void Element(XmlWriter xml, string prefix, string name, string ns, string? value) =>
        xml.WriteElementString(prefix, name, ns, Clean(value));

    public static byte[] Write(Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            body(xml);
            xml.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static bool NeedsCleaning(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (!IsAllowed(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAllowed(char c) =>
        c is '\t' or '\n' or '\r' || (c >= '\u0020' && c < '\uD800') || (c > '\uDFFF' && c < '\uFFFE');
}
