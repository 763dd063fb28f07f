using System.Net.Http.Json;
using System.Text.Json;

namespace Commentary.Api.Tests.Robustness.BadInput;

/// <summary>What the probe generators need from a seeded app: its clients and a valid value for every path parameter.</summary>
internal sealed record ProbeContext(HttpClient Admin, HttpClient Anonymous, Guid ArticleId, Guid KeyId, Guid WebhookId, Guid GlossaryTermId)
{
    public const string ArticleSlug = "robust-victim";

    /// <summary>A valid value for each path parameter, chosen by the collection it belongs to.</summary>
    public string PathValue(string name, string collection) => (name, collection) switch
    {
        ("id", "articles") => ArticleId.ToString(),
        ("id", "keys") => KeyId.ToString(),
        ("id", "webhooks") => WebhookId.ToString(),
        ("id", "glossary") => GlossaryTermId.ToString(),
        ("slug", "articles") => ArticleSlug,
        ("slug", "authors") => "robust-author",
        ("slug", "sources") => "robust-source",
        ("slug", "topics") => "robust-topic",
        ("lang", _) => "en",
        ("token", _) => "cmp_" + new string('x', 43),
        ("number", _) or ("n", _) => "1",
        _ => throw new InvalidOperationException($"no valid value for path parameter {name} after /{collection}: add one to {nameof(ProbeContext)}.{nameof(PathValue)}"),
    };

    public IEnumerable<HttpClient> Clients(ApiOperation operation) =>
        operation.RequiredRole is null ? [Admin, Anonymous] : [Admin];

    /// <summary>A cursor the API issued, with one character changed: the signature no longer matches.</summary>
    public async Task<string> TamperedCursorAsync()
    {
        var page = await Anonymous.GetFromJsonAsync<JsonElement>("/api/articles?limit=1");
        var cursor = page.GetProperty("nextCursor").GetString()!;
        var middle = cursor.Length / 2;
        return Uri.EscapeDataString(cursor[..middle] + (cursor[middle] == 'A' ? 'B' : 'A') + cursor[(middle + 1)..]);
    }

    public async Task<string?> CurrentETagAsync(string url)
    {
        // The resource an operation changes is the first three or four segments: /api/manage/{collection}/{id}.
        var segments = url.Split('/');
        if (segments.Length < 5)
        {
            return null;
        }

        var response = await Admin.GetAsync(string.Join('/', segments.Take(5)));
        return response.Headers.ETag?.ToString();
    }
}
