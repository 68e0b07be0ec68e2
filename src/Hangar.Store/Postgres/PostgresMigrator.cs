using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>
/// Brings the schema up to date in one transaction. Replicas starting together each try; a transaction-scoped advisory
/// lock lets one migrate while the others wait, and each of those then finds every migration applied. PostgreSQL's DDL
/// is transactional, so a failed step leaves nothing behind.
/// </summary>
internal sealed class PostgresMigrator(PostgresDatabase database, TimeProvider timeProvider, ILogger logger)
{
    public static IReadOnlyList<EmbeddedMigration> All { get; } = EmbeddedMigration.Load("Hangar.Store.Postgres.Migrations.", "PostgreSQL");

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var applied = await database.WriteUnfencedAsync(ApplyPendingAsync, cancellationToken);
        foreach (var migration in applied)
        {
            PostgresStoreLog.MigrationApplied(logger, migration.Name, database.Name);
        }

        if (applied.Count == 0 && All.Count > 0)
        {
            PostgresStoreLog.SchemaUpToDate(logger, database.Name, All[^1].Version);
        }
    }

    private async Task<IReadOnlyList<EmbeddedMigration>> ApplyPendingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // One lock per schema: two installations in two schemas of one database do not wait for each other.
        await ExecuteAsync(connection, """
            SELECT pg_advisory_xact_lock(hashtext('hangar.migrate:' || coalesce(current_schema(), '')));
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer     NOT NULL PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL
            );
            """, cancellationToken);

        var done = new HashSet<int>();
        await using (var command = new NpgsqlCommand("SELECT version FROM schema_migrations;", connection))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                done.Add(reader.GetInt32(0));
            }
        }

        var applied = new List<EmbeddedMigration>();
        foreach (var migration in EmbeddedMigration.Pending(All, done))
        {
            await ExecuteAsync(connection, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3);", connection);
            record.Parameters.Bind(migration.Version);
            record.Parameters.Bind(migration.Name);
            record.Parameters.Bind(PostgresValues.ToStored(timeProvider.GetUtcNow()));
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied.Add(migration);
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
