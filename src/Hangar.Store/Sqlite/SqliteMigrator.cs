using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Hangar.Store.Sqlite;

internal sealed class SqliteMigrator(SqliteDatabase database, TimeProvider timeProvider, ILogger logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        // The journal mode cannot change inside a transaction; it is stored in the file, so this runs once per file.
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite database {database.FilePath} refused WAL mode (it is in {mode} mode)");
            }
        }

        // One write transaction for the whole upgrade: a second process starting at the same moment waits on the
        // lock, then finds every migration applied. SQLite's DDL is transactional, so a failed step leaves nothing.
        var applied = await database.WriteUnfencedAsync(ApplyPendingAsync, cancellationToken);
        foreach (var migration in applied)
        {
            SqliteStoreLog.MigrationApplied(logger, migration.Name, database.FilePath);
        }

        if (applied.Count == 0 && SqliteMigration.All.Count > 0)
        {
            SqliteStoreLog.SchemaUpToDate(logger, database.FilePath, SqliteMigration.All[^1].Version);
        }
    }

    private async Task<IReadOnlyList<EmbeddedMigration>> ApplyPendingAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER NOT NULL PRIMARY KEY,
                name       TEXT    NOT NULL,
                applied_at INTEGER NOT NULL
            );
            """, cancellationToken);

        var done = new HashSet<int>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT version FROM schema_migrations;";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                done.Add(reader.GetInt32(0));
            }
        }

        var applied = new List<EmbeddedMigration>();
        foreach (var migration in EmbeddedMigration.Pending(SqliteMigration.All, done))
        {
            await ExecuteAsync(connection, migration.Sql, cancellationToken);
            await using var record = connection.CreateCommand();
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at);";
            record.Parameters.Add("$version", migration.Version);
            record.Parameters.Add("$name", migration.Name);
            record.Parameters.Add("$at", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied.Add(migration);
        }

        return applied;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
