using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Commentary.Api.Access.Keys;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Commentary.Api.Tests.Robustness;

/// <summary>
/// Hostile input against every operation of the OpenAPI document (RELIABILITY.md B3, B5, C1-C8): path parameters, every
/// documented query parameter, unknown parameters and request bodies. Every answer is a 4xx problem document (or a 2xx
/// where the input is harmless), never a 5xx, and rejected writes leave the database exactly as it was.
/// </summary>
public sealed class BadInputTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const string ArticleSlug = "robust-victim";
    private const string Hole = "__HOSTILE__";

    private static readonly string[] HostilePathValues =
        ["%00", "%ED%A0%80", new string('a', 3000), "..%2F..%2Fetc%2Fpasswd", Uri.EscapeDataString("' OR 1=1--"), "xx-Unknown"];

    private static readonly string[] BadLimits = ["-1", "0", "2147483648", "1e9", "abc", "%00"];

    private static readonly string[] BadCursors = ["garbage", "%00", Uri.EscapeDataString("' OR 1=1--"), new string('A', 5000)];

    private static readonly string[] BadDates = ["abc", "2024-02-30", Uri.EscapeDataString("' OR 1=1--"), "%00", "99999-01-01"];

    /// <summary>Free text: each is either harmless (2xx) or refused (4xx); NUL is always refused.</summary>
    private static readonly string[] HostileText =
        ["'", "%", "_", "\\", "&", "!", "a:*", "(", "\"unclosed", "<->", "' OR 1=1--", "a\\%_'\"", new string('x', 10_000)];

    /// <summary>Body templates for operations whose document shows no example: a new body operation must have one or the other.</summary>
    private static readonly Dictionary<string, string> BodyTemplates = new()
    {
        ["POST /api/manage/webhooks"] = """{"url":"https://example.org/hook","events":["published"],"secret":"a-webhook-secret-of-24-chars-or-more"}""",
    };

    private HttpClient _admin = null!;
    private HttpClient _anonymous = null!;
    private Guid _articleId;
    private Guid _keyId;
    private Guid _webhookId;

    [Fact]
    public async Task HostileInput_OnEveryOperation_Is4xxProblemOrHarmless_AndWritesNothing()
    {
        _admin = Admin;
        _anonymous = Anonymous;
        await SeedAsync();
        var operations = await ApiOperation.ReadAsync(Anonymous);
        var failures = new ConcurrentQueue<string>();
        var probes = new List<Probe>();
        foreach (var operation in operations)
        {
            probes.AddRange(PathProbes(operation, failures));
            probes.AddRange(await QueryProbesAsync(operation, failures));
        }

        var before = await SnapshotAsync();
        foreach (var operation in operations.Where(o => o.HasBody))
        {
            probes.AddRange(await BodyProbesAsync(operation, failures));
        }

        // About 1,600 today; a collapse means the document or the generators stopped producing probes.
        Assert.True(probes.Count > 1200, $"only {probes.Count} probes");
        await RunAsync(probes, failures);
        if (await SnapshotAsync() is var after && after != before)
        {
            failures.Enqueue($"rejected writes changed the database:\nbefore {before}\nafter  {after}");
        }

        // Harmless or not, an empty body is never a 5xx (it may publish, so it runs after the snapshot).
        var lenient = operations.Where(o => o.HasBody).SelectMany(o => new[] { "{}", "null", "" }.Select(body =>
            new Probe($"{o.Name} body '{body}'", o.Method, o.Url(PathValue), _admin, () => new StringContent(body, Encoding.UTF8, "application/json"), MustReject: false)));
        await RunAsync([.. lenient], failures);

        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers:\n" + string.Join("\n", failures.Take(60)));
    }

    private async Task SeedAsync()
    {
        var seeder = new ContentSeeder(Factory.Services);
        var topic = await seeder.TopicAsync("robust-topic", ContentSeeder.Text("Topic"));
        var author = await seeder.AuthorAsync("robust-author", ContentSeeder.Text("Author"));
        var source = await seeder.SourceAsync("robust-source", SourceKind.Person, ContentSeeder.Text("Source"));
        var outlet = await seeder.SourceAsync("robust-outlet", SourceKind.Outlet, ContentSeeder.Text("Outlet"));
        await seeder.SimpleAsync("robust-other", "Other article", topics: [topic.Id], authors: [author.Id]);
        _articleId = await seeder.ArticleAsync(ArticleSlug, "en",
            new Dictionary<string, TranslationContent> { ["en"] = new("Victim", "Summary", "Body"), ["zh-Hans"] = new("受害者", "摘要", "正文") },
            topics: [topic.Id], authors: [author.Id], quotes: [(source.Id, outlet.Id, ContentSeeder.Text("Quoted"))]);
        await Factory.CreateKeyAsync(Roles.Editor, "robust spare key");
        await using var db = CreateDbContext();
        _keyId = await db.ApiKeys.Where(k => k.Name == "robust spare key").Select(k => k.Id).SingleAsync();
        var response = await Admin.PostAsJsonAsync("/api/manage/webhooks", new { url = "https://example.org/hook", events = new[] { "published" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        _webhookId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A valid value for each path parameter, chosen by the collection it belongs to.</summary>
    private string PathValue(string name, string collection) => (name, collection) switch
    {
        ("id", "articles") => _articleId.ToString(),
        ("id", "keys") => _keyId.ToString(),
        ("id", "webhooks") => _webhookId.ToString(),
        ("slug", "articles") => ArticleSlug,
        ("slug", "authors") => "robust-author",
        ("slug", "sources") => "robust-source",
        ("slug", "topics") => "robust-topic",
        ("lang", _) => "en",
        ("number", _) or ("n", _) => "1",
        _ => throw new InvalidOperationException($"no valid value for path parameter {name} after /{collection}: add one to {nameof(PathValue)}"),
    };

    private IEnumerable<Probe> PathProbes(ApiOperation operation, ConcurrentQueue<string> failures)
    {
        var probes = new List<Probe>();
        try
        {
            _ = operation.Url(PathValue);
        }
        catch (InvalidOperationException missing)
        {
            failures.Enqueue($"{operation.Name}: {missing.Message}");
            return probes;
        }

        foreach (var parameter in operation.PathParameters)
        {
            foreach (var value in HostilePathValues)
            {
                var url = operation.Url(PathValue, parameter, value) + RequiredQuery(operation);
                probes.AddRange(Clients(operation).Select(client => new Probe(
                    $"{operation.Name} {parameter}={Abbreviate(value)}", operation.Method, url, client, null, MustReject: true)));
            }
        }

        return probes;
    }

    private async Task<IEnumerable<Probe>> QueryProbesAsync(ApiOperation operation, ConcurrentQueue<string> failures)
    {
        if (operation.Method != "GET")
        {
            return [];
        }

        var probes = new List<Probe>();
        var baseUrl = operation.Url(PathValue);
        var tampered = await TamperedCursorAsync();
        foreach (var parameter in operation.Parameters("query"))
        {
            var name = parameter.GetProperty("name").GetString()!;
            IEnumerable<(string Value, bool Reject)> values = name switch
            {
                "limit" => BadLimits.Select(v => (v, true)),
                "cursor" => BadCursors.Append(tampered).Select(v => (v, true)),
                "from" or "to" => BadDates.Select(v => (v, true)),
                "lang" => new[] { "xx", "%00", Uri.EscapeDataString("' OR 1=1--"), "%ED%A0%80" }.Select(v => (v, true)),
                "q" or "topic" or "author" or "source" or "status" or "missingLanguage" or "outdated" =>
                    HostileText.Select(v => (Uri.EscapeDataString(v), false)).Append(("a%00b", true)).Append(("%ED%A0%80", false)),
                _ => [],
            };
            if (!values.Any())
            {
                failures.Enqueue($"{operation.Name}: no hostile values for query parameter '{name}': add them to {nameof(QueryProbesAsync)}");
            }

            foreach (var (value, reject) in values)
            {
                var query = RequiredQuery(operation, except: name);
                var url = $"{baseUrl}{(query.Length == 0 ? "?" : query + "&")}{name}={value}";
                probes.AddRange(Clients(operation).Select(client => new Probe($"{operation.Name} ?{name}={Abbreviate(value)}", "GET", url, client, null, reject)));
            }
        }

        // Parameters nobody documented: ignored or refused, never interpolated into SQL (Ghost's ORDER BY injection).
        foreach (var unknown in new[] { "sort=(SELECT%201)", "sort=title;DROP%20TABLE%20articles", "orderBy=secret_hash", "fields=secretHash" })
        {
            var query = RequiredQuery(operation);
            var url = $"{baseUrl}{(query.Length == 0 ? "?" : query + "&")}{unknown}";
            probes.AddRange(Clients(operation).Select(client => new Probe($"{operation.Name} ?{unknown}", "GET", url, client, null, MustReject: false)));
        }

        return probes;
    }

    private async Task<IEnumerable<Probe>> BodyProbesAsync(ApiOperation operation, ConcurrentQueue<string> failures)
    {
        var template = operation.Example ?? BodyTemplates.GetValueOrDefault(operation.Name);
        if (template is null)
        {
            failures.Enqueue($"{operation.Name}: takes a body but has neither an OpenAPI example nor an entry in {nameof(BodyTemplates)}");
            return [];
        }

        var url = operation.Url(PathValue);
        var ifMatch = await CurrentETagAsync(url);
        Probe Send(string what, string body, string mediaType = "application/json") =>
            new($"{operation.Name} {what}", operation.Method, url, _admin, () => new StringContent(body, Encoding.UTF8, mediaType), MustReject: true, ifMatch);

        var probes = new List<Probe>
        {
            Send("malformed JSON", """{"title": "unterminated"""),
            Send("trailing garbage", template + "}"),
            Send("nested 100 levels", new string('[', 100) + new string(']', 100)),
            Send("nested 100 levels in a property", "{\"name\":" + string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 101)),
            Send("text/plain", template, "text/plain"),
            Send("1.5 MiB", FillStrings(template, new string('x', 1_572_864))),
            Send("wrong root type", template.TrimStart().StartsWith('[') ? "{}" : "[]"),
        };
        probes.Add(new Probe($"{operation.Name} invalid UTF-8", operation.Method, url, _admin, () => InvalidUtf8(template), MustReject: true, ifMatch));
        foreach (var (path, withHole) in StringLeaves(template))
        {
            probes.Add(Send($"NUL in {path}", withHole.Replace($"\"{Hole}\"", "\"a\\u0000b\"", StringComparison.Ordinal)));
            probes.Add(Send($"lone surrogate in {path}", withHole.Replace($"\"{Hole}\"", "\"\\ud800\"", StringComparison.Ordinal)));
            probes.Add(Send($"reversed surrogates in {path}", withHole.Replace($"\"{Hole}\"", "\"\\udc00\\ud800\"", StringComparison.Ordinal)));
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

    /// <summary>A cursor the API issued, with one character changed: the signature no longer matches.</summary>
    private async Task<string> TamperedCursorAsync()
    {
        var page = await Anonymous.GetFromJsonAsync<JsonElement>("/api/articles?limit=1");
        var cursor = page.GetProperty("nextCursor").GetString()!;
        var middle = cursor.Length / 2;
        return Uri.EscapeDataString(cursor[..middle] + (cursor[middle] == 'A' ? 'B' : 'A') + cursor[(middle + 1)..]);
    }

    private async Task<string?> CurrentETagAsync(string url)
    {
        // The resource an operation changes is the first three or four segments: /api/manage/{collection}/{id}.
        var segments = url.Split('/');
        if (segments.Length < 5)
        {
            return null;
        }

        var response = await _admin.GetAsync(string.Join('/', segments.Take(5)));
        return response.Headers.ETag?.ToString();
    }

    private IEnumerable<HttpClient> Clients(ApiOperation operation) =>
        operation.RequiredRole is null ? [_admin, _anonymous] : [_admin];

    private static string RequiredQuery(ApiOperation operation, string? except = null)
    {
        var required = operation.Parameters("query")
            .Where(p => p.TryGetProperty("required", out var r) && r.GetBoolean())
            .Select(p => p.GetProperty("name").GetString()!)
            .Where(name => name != except)
            .Select(name => $"{name}=china")
            .ToList();
        return required.Count == 0 ? "" : "?" + string.Join("&", required);
    }

    /// <summary>The template once per string value in it, that value replaced by a marker.</summary>
    private static IEnumerable<(string Path, string Json)> StringLeaves(string template)
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

    private static JsonNode? Find(JsonNode root, string path) => Walk(root).FirstOrDefault(n => n.GetPath() == path);

    private static IEnumerable<JsonNode> Walk(JsonNode node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Walk),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Walk),
        _ => [node],
    };

    private static string FillStrings(string template, string filler)
    {
        var root = JsonNode.Parse(template)!;
        var first = Walk(root).First(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String);
        first.ReplaceWith(filler);
        return root.ToJsonString();
    }

    private static ByteArrayContent InvalidUtf8(string template)
    {
        var bytes = Encoding.UTF8.GetBytes(FillStrings(template, Hole));
        var at = Encoding.UTF8.GetString(bytes).IndexOf(Hole, StringComparison.Ordinal);
        bytes[at] = 0xFF;
        bytes[at + 1] = 0xFE;
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    private static string Abbreviate(string value) => value.Length > 24 ? $"{value[..12]}…({value.Length} chars)" : value;

    /// <summary>Row count and a digest of every row of every table (API keys by count only: using a key stamps it).</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '__ef_migrations_history' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var snapshot = new StringBuilder();
        foreach (var table in tables)
        {
            var digest = table == "api_keys" ? "''" : $"coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')";
            await using var command = new NpgsqlCommand($"SELECT count(*) || ' ' || {digest} FROM \"{table}\" t", connection);
            snapshot.Append(table).Append(": ").Append(await command.ExecuteScalarAsync()).Append('\n');
        }

        return snapshot.ToString();
    }

    private static async Task RunAsync(IReadOnlyList<Probe> probes, ConcurrentQueue<string> failures)
    {
        await Parallel.ForEachAsync(probes, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (probe, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Url);
            if (probe.Body is not null)
            {
                request.Content = probe.Body();
            }

            if (probe.IfMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", probe.IfMatch);
            }

            var who = probe.Client.DefaultRequestHeaders.Authorization is null ? "anonymous" : "admin";
            try
            {
                using var response = await probe.Client.SendAsync(request, cancellationToken);
                if (await Answers.CheckAsync(response, $"{who} {probe.Name}", probe.MustReject) is { } failure)
                {
                    failures.Enqueue(failure);
                }
            }
            catch (InvalidOperationException nul) when (probe.Url.Contains("%00", StringComparison.Ordinal) && nul.StackTrace?.Contains("PathString.FromUriComponent", StringComparison.Ordinal) == true)
            {
                // A NUL in the path never reaches the app: Kestrel's request-line decoder answers 400 and the test server's refuses to build the request.
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Enqueue($"{who} {probe.Name}: threw {exception.GetType().Name}: {exception.Message}");
            }
        });
    }

    private sealed record Probe(string Name, string Method, string Url, HttpClient Client, Func<HttpContent>? Body, bool MustReject, string? IfMatch = null);
}
