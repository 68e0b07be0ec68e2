using Hangar.Testing;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Tests;

/// <summary>A pass's own log, recorded from debug up: make the pass with <see cref="For{T}"/>'s logger
/// (<c>ActivatorUtilities.CreateInstance</c>) to see what it logs.</summary>
internal sealed class PassLogs : IDisposable
{
    private readonly RecordingLoggerProvider _logs = new();
    private readonly ILoggerFactory _factory;

    public PassLogs() => _factory = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));

    public ILogger<T> For<T>() => _factory.CreateLogger<T>();

    /// <summary>A forge call held back by the request budget is a debug entry named <paramref name="eventName"/>, and
    /// nothing was a warning.</summary>
    public void ShouldHaveDeferredWithoutWarning(string eventName = "ForgeCallDeferred")
    {
        _logs.Entries.ShouldNotContain(e => e.Level >= LogLevel.Warning);
        _logs.Entries.ShouldContain(e => e.EventId.Name == eventName && e.Level == LogLevel.Debug);
    }

    public void Dispose() => _factory.Dispose();
}
