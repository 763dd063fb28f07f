using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commentary.Api.Platform.Logging;

/// <summary>
/// RequestGuards refuses API keys in URLs, but the host logs "Request starting GET /x?api_key=..." before any middleware
/// runs, so the key would reach every log sink. Every logger the app creates masks the values of those parameters.
/// </summary>
internal sealed partial class KeyRedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public static void Register(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider =>
            new KeyRedactingLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(provider))));

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    internal static string Redact(string text) =>
        text.Contains('=', StringComparison.Ordinal) ? KeyParameter().Replace(text, "$1[redacted]") : text;

    // The names RequestGuards refuses, as query parameters (also URL-encoded in a logged URL).
    [GeneratedRegex(@"((?:^|[?&\s])(?:api_key|apikey|api-key|key|access_token|token)=)[^&\s""]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyParameter();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

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

            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value is null ? null : p.Value is string or QueryString or PathString or Uri ? Redact(p.Value.ToString()!) : p.Value)).ToList()
                : [];
            inner.Log(logLevel, eventId, values, exception, (_, _) => redacted);
        }
    }
}
