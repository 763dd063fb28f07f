using System.Collections.Concurrent;

namespace Commentary.Api.Tests.Robustness.BadInput;

/// <summary>One hostile request and whether its answer must be a 4xx (otherwise a 2xx is fine too).</summary>
internal sealed record Probe(string Name, string Method, string Url, HttpClient Client, Func<HttpContent>? Body, bool MustReject, string? IfMatch = null);

/// <summary>Sends probes four at a time and queues every answer that breaks the rules of <see cref="Answers"/>.</summary>
internal static class ProbeRunner
{
    public static async Task RunAsync(IReadOnlyList<Probe> probes, ConcurrentQueue<string> failures)
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
}
