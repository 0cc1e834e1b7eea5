using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GraphFusion.Resilience.Tests;

/// <summary>A logger factory that keeps every entry (level, event id, message) for the test to inspect.</summary>
internal sealed class CapturedLogs : ILoggerFactory
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId Event, string Category, string Message)> entries = new();

    public IReadOnlyList<(LogLevel Level, EventId Event, string Category, string Message)> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.entries.Enqueue((logLevel, eventId, category, formatter(state, exception)));
    }
}
