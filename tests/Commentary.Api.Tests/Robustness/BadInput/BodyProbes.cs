using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Commentary.Api.Tests.Robustness.BadInput;

/// <summary>Probes in the request body, built from the operation's example (or a template): each must be refused.</summary>
internal static class BodyProbes
{
    public static async Task<IEnumerable<Probe>> ForAsync(ProbeContext context, ApiOperation operation, ConcurrentQueue<string> failures)
    {
        var template = operation.Example ?? HostileValues.BodyTemplates.GetValueOrDefault(operation.Name);
        if (template is null)
        {
            failures.Enqueue($"{operation.Name}: takes a body but has neither an OpenAPI example nor an entry in {nameof(HostileValues)}.{nameof(HostileValues.BodyTemplates)}");
            return [];
        }

        var url = operation.Url(context.PathValue);
        var ifMatch = await context.CurrentETagAsync(url);
        Probe Send(string what, string body, string mediaType = "application/json") =>
            new($"{operation.Name} {what}", operation.Method, url, context.Admin, () => new StringContent(body, Encoding.UTF8, mediaType), MustReject: true, ifMatch);

        var probes = new List<Probe>
        {
            Send("malformed JSON", """{"title": "unterminated"""),
            Send("trailing garbage", template + "}"),
            Send("nested 100 levels", new string('[', 100) + new string(']', 100)),
            Send("nested 100 levels in a property", "{\"name\":" + string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 101)),
            Send("text/plain", template, "text/plain"),
            Send("1.5 MiB", JsonTemplates.FillStrings(template, new string('x', 1_572_864))),
            Send("wrong root type", template.TrimStart().StartsWith('[') ? "{}" : "[]"),
        };
        probes.Add(new Probe($"{operation.Name} invalid UTF-8", operation.Method, url, context.Admin, () => JsonTemplates.InvalidUtf8(template), MustReject: true, ifMatch));
        var hole = $"\"{JsonTemplates.Hole}\"";
        foreach (var (path, withHole) in JsonTemplates.StringLeaves(template))
        {
            probes.Add(Send($"NUL in {path}", withHole.Replace(hole, "\"a\\u0000b\"", StringComparison.Ordinal)));
            probes.Add(Send($"lone surrogate in {path}", withHole.Replace(hole, "\"\\ud800\"", StringComparison.Ordinal)));
            probes.Add(Send($"reversed surrogates in {path}", withHole.Replace(hole, "\"\\udc00\\ud800\"", StringComparison.Ordinal)));
            // What XML 1.0 forbids (a vertical tab pasted from a word processor broke every feed), refused in every text.
            probes.Add(Send($"vertical tab in {path}", withHole.Replace(hole, "\"a\\u000bb\"", StringComparison.Ordinal)));
            probes.Add(Send($"U+FFFE in {path}", withHole.Replace(hole, "\"a\\ufffeb\"", StringComparison.Ordinal)));
            // U+FB2C triples under NFC: 100,000 fit the longest limit (a body's 200,000) only before normalisation.
            probes.Add(Send($"normalisation growth in {path}", withHole.Replace(hole, $"\"{new string('\uFB2C', 100_000)}\"", StringComparison.Ordinal)));
        }

        var root = JsonNode.Parse(template)!;
        var target = root is JsonArray array ? array[0]!.AsObject() : root.AsObject();
        foreach (var property in new[] { "id", "status", "publishedAt", "version", "deletedAt", "createdBy", "secretHash" })
        {
            target[property] = "2020-01-01T00:00:00Z";
            probes.Add(Send($"unknown property {property}", root.ToJsonString()));
            target.Remove(property);
        }

        foreach (var (name, value) in target.ToList())
        {
            JsonNode wrong = value switch
            {
                JsonArray => "not-a-list",
                JsonObject => 12345,
                JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonValue.Create(12345),
                _ => "not-a-boolean-or-number",
            };
            target[name] = wrong;
            probes.Add(Send($"wrong type for {name}", root.ToJsonString()));
            target[name] = value?.DeepClone();
            if (value is JsonArray list)
            {
                var item = list.Count > 0 ? list[0]!.ToJsonString() : "\"x\"";
                target[name] = JsonNode.Parse("[" + string.Join(",", Enumerable.Repeat(item, 10_000)) + "]");
                probes.Add(Send($"10,000 items in {name}", root.ToJsonString()));
                target[name] = value.DeepClone();
            }
        }

        if (root is JsonArray items)
        {
            probes.Add(Send("10,000 items", "[" + string.Join(",", Enumerable.Repeat(items[0]!.ToJsonString(), 10_000)) + "]"));
        }

        return probes;
    }

    /// <summary>Harmless or not, an empty body is never a 5xx (it may publish, so these run after the snapshot).</summary>
    public static IEnumerable<Probe> Lenient(ProbeContext context, ApiOperation operation) =>
        new[] { "{}", "null", "" }.Select(body => new Probe($"{operation.Name} body '{body}'", operation.Method, operation.Url(context.PathValue),
            context.Admin, () => new StringContent(body, Encoding.UTF8, "application/json"), MustReject: false));
}
