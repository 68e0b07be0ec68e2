using Microsoft.Extensions.Logging;

namespace Hangar.Testing;

public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message);
