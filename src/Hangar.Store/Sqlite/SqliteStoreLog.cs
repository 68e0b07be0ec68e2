using Microsoft.Extensions.Logging;

namespace Hangar.Store.Sqlite;

/// <summary>The SQLite store's events: 2000–2499 (PostgreSQL has 2500–2999).</summary>
internal static partial class SqliteStoreLog
{
    [LoggerMessage(EventId = 2000, EventName = "MigrationApplied", Level = LogLevel.Information, Message = "Applied SQLite migration {Migration} to {Path}")]
    public static partial void MigrationApplied(ILogger logger, string migration, string path);

    [LoggerMessage(EventId = 2001, EventName = "SchemaUpToDate", Level = LogLevel.Debug, Message = "SQLite schema at {Path} is up to date (version {Version})")]
    public static partial void SchemaUpToDate(ILogger logger, string path, int version);
}
