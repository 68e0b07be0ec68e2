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

    [LoggerMessage(EventId = 2510, EventName = "PostgresListenerConnected", Level = LogLevel.Information, Message = "PostgreSQL {Database}: listening for other replicas' changes")]
    public static partial void ListenerConnected(ILogger logger, string database);

    [LoggerMessage(EventId = 2511, EventName = "PostgresListenerLost", Level = LogLevel.Warning, Message = "PostgreSQL {Database}: the change listener's connection failed; connecting again in {Retry}")]
    public static partial void ListenerLost(ILogger logger, Exception exception, string database, TimeSpan retry);

    [LoggerMessage(EventId = 2512, EventName = "PostgresChangeSubscriberFailed", Level = LogLevel.Error, Message = "A subscriber to store changes ({Kind}) threw")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception, Hangar.Core.Storage.StoreChangeKind kind);
}
