using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Commentary.Api.Tests.Robustness.BadInput;

/// <summary>Variations of a body template: one per string value in it, filled strings, invalid UTF-8.</summary>
internal static class JsonTemplates
{
    /// <summary>The marker a variation puts where one string value was.</summary>
    public const string Hole = "__HOSTILE__";

    /// <summary>The template once per string value in it, that value replaced by <see cref="Hole"/>.</summary>
    public static IEnumerable<(string Path, string Json)> StringLeaves(string template)
    {
        var root = JsonNode.Parse(template)!;
        foreach (var leaf in Walk(root).Where(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String).ToList())
        {
            var original = leaf.GetValue<string>();
            var path = leaf.GetPath();
            leaf.ReplaceWith(Hole);
            yield return (path, root.ToJsonString());
            Find(root, path)!.ReplaceWith(original);
        }
    }

    /// <summary>The template with its first string value replaced by <paramref name="filler"/>.</summary>
    public static string FillStrings(string template, string filler)
    {
        var root = JsonNode.Parse(template)!;
        var first = Walk(root).First(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String);
        first.ReplaceWith(filler);
        return root.ToJsonString();
    }

    public static ByteArrayContent InvalidUtf8(string template)
    {
        var bytes = Encoding.UTF8.GetBytes(FillStrings(template, Hole));
        var at = Encoding.UTF8.GetString(bytes).IndexOf(Hole, StringComparison.Ordinal);
        bytes[at] = 0xFF;
        bytes[at + 1] = 0xFE;
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static JsonNode? Find(JsonNode root, string path) => Walk(root).FirstOrDefault(n => n.GetPath() == path);

    private static IEnumerable<JsonNode> Walk(JsonNode node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Walk),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Walk),
        _ => [node],
    };
}
