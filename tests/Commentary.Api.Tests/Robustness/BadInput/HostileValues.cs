namespace Commentary.Api.Tests.Robustness.BadInput;

/// <summary>The hostile values the probes send, by where they go: path segments, documented query parameters, unknown ones.</summary>
internal static class HostileValues
{
    public static readonly string[] PathValues =
        ["%00", "%ED%A0%80", new string('a', 3000), "..%2F..%2Fetc%2Fpasswd", Uri.EscapeDataString("' OR 1=1--"), "xx-Unknown"];

    public static readonly string[] Limits = ["-1", "0", "2147483648", "1e9", "abc", "%00"];

    public static readonly string[] Cursors = ["garbage", "%00", Uri.EscapeDataString("' OR 1=1--"), new string('A', 5000)];

    public static readonly string[] Dates = ["abc", "2024-02-30", Uri.EscapeDataString("' OR 1=1--"), "%00", "99999-01-01"];

    /// <summary>Free text: each is either harmless (2xx) or refused (4xx); NUL is always refused.</summary>
    public static readonly string[] Text =
        ["'", "%", "_", "\\", "&", "!", "a:*", "(", "\"unclosed", "<->", "' OR 1=1--", "a\\%_'\"", new string('x', 10_000)];

    /// <summary>Parameters nobody documented: ignored or refused, never interpolated into SQL (Ghost's ORDER BY injection).</summary>
    public static readonly string[] UnknownParameters =
        ["sort=(SELECT%201)", "sort=title;DROP%20TABLE%20articles", "orderBy=secret_hash", "fields=secretHash"];

    /// <summary>Body templates for operations whose document shows no example: a new body operation must have one or the other.</summary>
    public static readonly Dictionary<string, string> BodyTemplates = new()
    {
        ["POST /api/manage/webhooks"] = """{"url":"https://example.org/hook","events":["published"],"secret":"a-webhook-secret-of-24-chars-or-more"}""",
    };

    /// <summary>The values for one documented query parameter and whether each must be refused; none for a parameter nobody taught this.</summary>
    public static IEnumerable<(string Value, bool Reject)> ForQueryParameter(string name, string tamperedCursor) => name switch
    {
        "limit" => Limits.Select(v => (v, true)),
        "cursor" => Cursors.Append(tamperedCursor).Select(v => (v, true)),
        "from" or "to" => Dates.Select(v => (v, true)),
        "lang" => new[] { "xx", "%00", Uri.EscapeDataString("' OR 1=1--"), "%ED%A0%80" }.Select(v => (v, true)),
        "q" or "topic" or "author" or "source" or "status" or "missingLanguage" or "outdated" or "unreviewed" =>
            Text.Select(v => (Uri.EscapeDataString(v), false)).Append(("a%00b", true)).Append(("%ED%A0%80", false)),
        _ => [],
    };

    public static string Abbreviate(string value) => value.Length > 24 ? $"{value[..12]}…({value.Length} chars)" : value;
}
