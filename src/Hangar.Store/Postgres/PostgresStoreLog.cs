using Microsoft.Extensions.Logging;

namespace Hangar.Store.Postgres;

internal static partial class PostgresStoreLog
{
    [LoggerMessage(EventId = 2500, EventName = "PostgresMigrationApplied", Level = LogLevel.Information, Message = "Applied PostgreSQL migration {Migration} to {Database}")]
    public static partial void MigrationApplied(ILogger logger, string migration, string database);

    [LoggerMessage(EventId = 2501, EventName = "PostgresSchemaUpToDate", Level = LogLevel.Debug, Message = "PostgreSQL schema in {Database} is up to date (version {Version})")]
    public static partial void SchemaUpToDate(ILogger logger, string database, int version);

    [LoggerMessage(EventId = 2502, EventName = "PostgresRetrying", Level = LogLevel.Warning, Message = "PostgreSQL {Database}: the connection failed before the transaction committed (attempt {Attempt}); retrying on a new connection")]
    public static partial void Retrying(ILogger logger, Exception exception, string database, int attempt);
}
