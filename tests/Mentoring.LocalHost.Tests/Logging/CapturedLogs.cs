using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Mentoring.Tests.Logging;

/// <summary>
/// A log provider that keeps every line written, at every level, as a log store would: the message, each structured
/// value, the scopes around it (Application Insights copies them onto the line) and the exception.
/// </summary>
internal sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>Everything for the most verbose logging a deployment could configure.</summary>
    public static IReadOnlyDictionary<string, string> Verbose { get; } = new Dictionary<string, string>
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:System"] = "Trace",
    };

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <summary>The lines that contain any of <paramref name="secrets"/>.</summary>
    public IReadOnlyList<string> Containing(params string[] secrets) =>
        [.. Lines.Where(line => secrets.Any(s => line.Contains(s, StringComparison.OrdinalIgnoreCase)))];

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new System.Text.StringBuilder($"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                line.Append(" | ").AppendJoin("; ", values.Select(v => $"{v.Key}={v.Value}"));
            owner._scopes.ForEachScope((scope, builder) => builder.Append(" | scope ").Append(scope is IEnumerable<KeyValuePair<string, object?>> kv
                ? string.Join("; ", kv.Select(v => $"{v.Key}={v.Value}")) : scope?.ToString()), line);
            if (exception is not null)
                line.Append(" | ").Append(exception);
            owner.Lines.Enqueue(line.ToString());
        }
    }
}
