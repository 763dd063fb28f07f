using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commentary.Api.Tests.Infrastructure;

/// <summary>Keeps every log line, scopes included, at every level: for tests that assert what must never be logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>A copy of <paramref name="factory"/> whose app also logs everything, down to Trace, into <paramref name="capture"/>.</summary>
    public static WebApplicationFactory<Program> Attach(WebApplicationFactory<Program> factory, CapturingLoggerProvider capture) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddLogging(logging =>
        {
            logging.AddProvider(capture);
            logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
        })));

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {exception}");
    }
}
