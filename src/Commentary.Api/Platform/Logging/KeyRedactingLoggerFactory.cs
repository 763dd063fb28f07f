using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commentary.Api.Platform.Logging;

/// <summary>
/// RequestGuards refuses API keys in URLs, but the host logs "Request starting GET /x?api_key=..." before any middleware
/// runs, so the key would reach every log sink. Every logger the app creates masks the values of those parameters, and
/// secrets recognised by their prefix wherever they stand: preview tokens are path segments (<c>/api/preview/cmp_…</c>),
/// which the host also puts in the <c>RequestPath</c> scope of every line logged during the request.
/// </summary>
internal sealed partial class KeyRedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public static void Register(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider =>
            new KeyRedactingLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(provider))));

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    internal static string Redact(string text)
    {
        var redacted = text.Contains('=', StringComparison.Ordinal) ? KeyParameter().Replace(text, "$1[redacted]") : text;
        return redacted.Contains("cm", StringComparison.Ordinal) ? PrefixedSecret().Replace(redacted, "$1[redacted]") : redacted;
    }

    // The names RequestGuards refuses, as query parameters (also URL-encoded in a logged URL).
    [GeneratedRegex(@"((?:^|[?&\s])(?:api_key|apikey|api-key|key|access_token|token)=)[^&\s""]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyParameter();

    // API key secrets (cmk_) and preview tokens (cmp_): 43 base64url characters each, so "cmp_" in prose survives.
    [GeneratedRegex(@"\b(cm[kp]_)[A-Za-z0-9_\-]{16,}", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixedSecret();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            var text = state.ToString() ?? "";
            var redacted = Redact(text);
            return text == redacted ? inner.BeginScope(state) : inner.BeginScope(new RedactedState(Redacted(state), redacted));
        }

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            var redacted = Redact(message);
            if (ReferenceEquals(message, redacted) || message == redacted)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            inner.Log(logLevel, eventId, Redacted(state), exception, (_, _) => redacted);
        }

        private static List<KeyValuePair<string, object?>> Redacted<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value is null ? null : p.Value is string or QueryString or PathString or Uri ? Redact(p.Value.ToString()!) : p.Value)).ToList()
                : [];
    }

    /// <summary>A scope's values with secrets masked; sinks that print scopes use its text.</summary>
    private sealed class RedactedState(List<KeyValuePair<string, object?>> values, string text) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => text;
    }
}
