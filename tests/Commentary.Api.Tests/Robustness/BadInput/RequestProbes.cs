using System.Collections.Concurrent;

namespace Commentary.Api.Tests.Robustness.BadInput;

/// <summary>Probes in the URL: hostile path parameters, hostile values for every documented query parameter, unknown parameters.</summary>
internal static class RequestProbes
{
    public static IEnumerable<Probe> ForPath(ProbeContext context, ApiOperation operation, ConcurrentQueue<string> failures)
    {
        var probes = new List<Probe>();
        try
        {
            _ = operation.Url(context.PathValue);
        }
        catch (InvalidOperationException missing)
        {
            failures.Enqueue($"{operation.Name}: {missing.Message}");
            return probes;
        }

        foreach (var parameter in operation.PathParameters)
        {
            foreach (var value in HostileValues.PathValues)
            {
                var url = operation.Url(context.PathValue, parameter, value) + RequiredQuery(operation);
                probes.AddRange(context.Clients(operation).Select(client => new Probe(
                    $"{operation.Name} {parameter}={HostileValues.Abbreviate(value)}", operation.Method, url, client, null, MustReject: true)));
            }
        }

        return probes;
    }

    public static async Task<IEnumerable<Probe>> ForQueryAsync(ProbeContext context, ApiOperation operation, ConcurrentQueue<string> failures)
    {
        if (operation.Method != "GET")
        {
            return [];
        }

        var probes = new List<Probe>();
        var baseUrl = operation.Url(context.PathValue);
        var tampered = await context.TamperedCursorAsync();
        foreach (var parameter in operation.Parameters("query"))
        {
            var name = parameter.GetProperty("name").GetString()!;
            var values = HostileValues.ForQueryParameter(name, tampered);
            if (!values.Any())
            {
                failures.Enqueue($"{operation.Name}: no hostile values for query parameter '{name}': add them to {nameof(HostileValues)}.{nameof(HostileValues.ForQueryParameter)}");
            }

            foreach (var (value, reject) in values)
            {
                var query = RequiredQuery(operation, except: name);
                var url = $"{baseUrl}{(query.Length == 0 ? "?" : query + "&")}{name}={value}";
                probes.AddRange(context.Clients(operation).Select(client =>
                    new Probe($"{operation.Name} ?{name}={HostileValues.Abbreviate(value)}", "GET", url, client, null, reject)));
            }
        }

        foreach (var unknown in HostileValues.UnknownParameters)
        {
            var query = RequiredQuery(operation);
            var url = $"{baseUrl}{(query.Length == 0 ? "?" : query + "&")}{unknown}";
            probes.AddRange(context.Clients(operation).Select(client => new Probe($"{operation.Name} ?{unknown}", "GET", url, client, null, MustReject: false)));
        }

        return probes;
    }

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
}
