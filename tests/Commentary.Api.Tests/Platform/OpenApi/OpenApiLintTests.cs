using System.Diagnostics;
using System.Text.Json;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Platform.OpenApi;

/// <summary>
/// The OpenAPI document through Redocly's recommended ruleset and Spectral's <c>spectral:oas</c>, run with npx (the
/// versions pinned here; npx fetches them from the npm registry on first use): no errors, and only the warnings
/// explained in <see cref="ExplainedWarnings"/>.
/// </summary>
public sealed class OpenApiLintTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const string Redocly = "@redocly/cli@2.77.0";
    private const string Spectral = "@stoplight/spectral-cli@6.16.3";

    /// <summary>(linter rule, JSON pointer or path of the operation) pairs that stay, and why.</summary>
    private static readonly Dictionary<(string Rule, string Where), string> ExplainedWarnings = new()
    {
        // The test app's public address is http://localhost (TestServer); Production configures its own.
        [("no-server-example.com", "#/servers/0/url")] = "test configuration",
        // The API is the publication's own: there is no licence document to link to, only its name.
        [("info-license-strict", "#/info/license/url")] = "no licence URL exists",
        // Health answers 200 or 503 only: it takes no input and is exempt from rate limits, so no 4XX exists.
        [("operation-4xx-response", "#/paths/~1health~1live/get/responses")] = "no client error possible",
        [("operation-4xx-response", "#/paths/~1health~1ready/get/responses")] = "no client error possible",
    };

    [Fact]
    public async Task RedoclyRecommended_AndSpectralOas_ReportNoErrorsAndOnlyExplainedWarnings()
    {
        var folder = Directory.CreateTempSubdirectory("commentary-openapi-");
        try
        {
            var document = Path.Combine(folder.FullName, "openapi.json");
            await File.WriteAllTextAsync(document, await Anonymous.GetStringAsync("/swagger/v1/swagger.json"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, ".spectral.yaml"), "extends: [\"spectral:oas\"]\n");

            using var redocly = JsonDocument.Parse(Json(await NpxAsync(folder.FullName, Redocly, "lint", "openapi.json", "--format=json")));
            var redoclyProblems = redocly.RootElement.GetProperty("problems").EnumerateArray()
                .Select(p => (Rule: p.GetProperty("ruleId").GetString()!, Severity: p.GetProperty("severity").GetString()!,
                    Where: p.GetProperty("location")[0].GetProperty("pointer").GetString()!))
                .ToList();
            using var spectral = JsonDocument.Parse(Json(await NpxAsync(folder.FullName, Spectral, "lint", "openapi.json", "--ruleset", ".spectral.yaml", "--format", "json", "--quiet")));
            var spectralProblems = spectral.RootElement.EnumerateArray()
                .Select(p => (Rule: p.GetProperty("code").GetString()!, Severity: p.GetProperty("severity").GetInt32() == 0 ? "error" : "warning",
                    Where: "#/" + string.Join('/', p.GetProperty("path").EnumerateArray().Select(s => s.GetString()!.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)))))
                .ToList();

            var unexplained = redoclyProblems.Concat(spectralProblems)
                .Where(p => p.Severity == "error" || !ExplainedWarnings.ContainsKey((p.Rule, p.Where)))
                .Select(p => $"{p.Severity} {p.Rule} at {p.Where}")
                .ToList();
            Assert.True(unexplained.Count == 0, string.Join("\n", unexplained));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The JSON report, without the banners some versions print before it.</summary>
    private static string Json(string output) => output[output.IndexOfAny(['{', '['])..];

    private static async Task<string> NpxAsync(string directory, string package, params string[] arguments)
    {
        var start = new ProcessStartInfo("npx") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--yes");
        start.ArgumentList.Add(package);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode is 0 or 1, $"npx {package} exited {process.ExitCode}: {await errors}");
        return await output;
    }
}
