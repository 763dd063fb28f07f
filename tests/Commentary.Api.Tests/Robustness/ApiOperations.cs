using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Commentary.Api.Tests.Robustness;

/// <summary>One operation of the app's own OpenAPI document, so that a new endpoint is covered by the robustness suites without editing them.</summary>
internal sealed record ApiOperation(string Method, string Path, JsonElement Element)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public string Name => $"{Method} {Path}";

    public IEnumerable<JsonElement> Parameters(string location) =>
        Element.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == location)
            : [];

    public IEnumerable<string> PathParameters => Regex.Matches(Path, @"\{([^}]+)\}").Select(m => m.Groups[1].Value);

    public bool HasBody => Element.TryGetProperty("requestBody", out _);

    /// <summary>The example body the document shows, when it has one.</summary>
    public string? Example =>
        Element.TryGetProperty("requestBody", out var body)
        && body.GetProperty("content").TryGetProperty("application/json", out var json)
        && json.TryGetProperty("example", out var example) && example.ValueKind != JsonValueKind.Null
            ? example.GetRawText()
            : null;

    /// <summary>The least role, from the security requirement and the "Role: x or above." description; null for public operations.</summary>
    public string? RequiredRole
    {
        get
        {
            if (!Element.TryGetProperty("security", out var security) || security.GetArrayLength() == 0)
            {
                return null;
            }

            var description = Element.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "";
            var match = Regex.Match(description, @"Role: (\w+) or above\.");
            return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"{Name} declares security but no role in its description");
        }
    }

    public static async Task<IReadOnlyList<ApiOperation>> ReadAsync(HttpClient client)
    {
        var document = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));
        return [.. from path in document.RootElement.GetProperty("paths").EnumerateObject()
                   from operation in path.Value.EnumerateObject()
                   where Methods.Contains(operation.Name)
                   select new ApiOperation(operation.Name.ToUpperInvariant(), path.Name, operation.Value.Clone())];
    }

    /// <summary>Fills the path template: <paramref name="values"/> maps a parameter to its value given the segment before it.</summary>
    public string Url(Func<string, string, string> values, string? hostileParameter = null, string? hostileValue = null)
    {
        var segments = Path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var match = Regex.Match(segments[i], @"\{([^}]+)\}");
            if (match.Success)
            {
                var name = match.Groups[1].Value;
                var value = name == hostileParameter ? hostileValue! : values(name, segments[i - 1]);
                segments[i] = segments[i].Replace(match.Value, value, StringComparison.Ordinal);
            }
        }

        return string.Join('/', segments);
    }
}

/// <summary>Checks one answer against the rules for every endpoint: never a 5xx, and every 4xx a complete problem document.</summary>
internal static class Answers
{
    public static async Task<string?> CheckAsync(HttpResponseMessage response, string probe, bool mustReject)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (status >= 500 || status < 200 || (status >= 300 && status != (int)HttpStatusCode.NotModified && status < 400))
        {
            return $"{probe}: {status} {Shorten(text)}";
        }

        if (status < 300)
        {
            return mustReject ? $"{probe}: accepted with {status}, expected a 4xx" : null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{probe}: {status} with content type {response.Content.Headers.ContentType?.MediaType ?? "(none)"}";
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var complete = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.GetInt32() == status
                && root.TryGetProperty("title", out var t) && t.GetString() is { Length: > 0 }
                && root.TryGetProperty("traceId", out var id) && id.GetString() is { Length: > 0 };
            return complete ? null : $"{probe}: {status} problem lacks status/title/traceId: {Shorten(text)}";
        }
        catch (JsonException)
        {
            return $"{probe}: {status} problem is not JSON: {Shorten(text)}";
        }
    }

    public static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
