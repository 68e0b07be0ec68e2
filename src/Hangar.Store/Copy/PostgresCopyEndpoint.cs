using System.Runtime.CompilerServices;
using Hangar.Store.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Hangar.Store.Copy;

/// <summary>
/// A PostgreSQL schema as a copy's source or target. Replicas hold no lock a copy could take, so a copy refuses while
/// any lease is live (a server runs) and looks again before it commits. Rows are read in one REPEATABLE READ snapshot
/// and written with binary <c>COPY</c> inside one transaction.
/// </summary>
internal sealed class PostgresCopyEndpoint(PostgresStoreOptions options, string description) : ICopyEndpoint
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;

    public string Description => description;

    public async Task EnsureNotServedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Outside the copy's own snapshot: a replica that started since the snapshot was taken must be seen.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('leases') IS NOT NULL;", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return;
            }
        }

        await using var command = new NpgsqlCommand(
            "SELECT name, holder, expires_at FROM leases WHERE expires_at > $1 ORDER BY expires_at DESC, name LIMIT 1;", connection);
        command.Parameters.Bind(PostgresValues.ToStored(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException(
                $"a Hangar server uses {description}: replica {reader.GetString(1)} holds lease {reader.GetString(0)} until " +
                $"{reader.GetTime(2):yyyy-MM-dd HH:mm:ss}Z; stop every replica before copying (a replica stopped with SIGTERM releases its leases, a killed one's run out within the lease duration)");
        }
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var store = new PostgresStore(options);
        await store.MigrateAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> SchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT c.table_name, c.column_name
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE';
            """, connection);
        var schema = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var table = reader.GetString(0);
            if (!schema.TryGetValue(table, out var columns))
            {
                schema[table] = columns = new HashSet<string>(StringComparer.Ordinal);
            }

            columns.Add(reader.GetString(1));
        }

        return schema.ToDictionary(t => t.Key, t => (IReadOnlySet<string>)t.Value, StringComparer.Ordinal);
    }

    public async Task BeginReadAsync(CancellationToken cancellationToken)
    {
        _connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var begin = new NpgsqlCommand("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;", _connection);
        await begin.ExecuteNonQueryAsync(cancellationToken);
    }

    public async IAsyncEnumerable<object?[]> ReadAsync(CopyTable table, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {string.Join(", ", table.ColumnNames)} FROM {table.Name} ORDER BY {table.OrderBy};", _connection, _transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[table.Columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Read(reader, i, table.Columns[i].Kind);
            }

            yield return row;
        }
    }

    public async Task BeginWriteAsync(CancellationToken cancellationToken)
    {
        _connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        _transaction = await _connection.BeginTransactionAsync(cancellationToken);
    }

    public async Task<long> CountAsync(CopyTable table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table.Name};", _connection, _transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"TRUNCATE {string.Join(", ", CopyCatalog.Tables.Select(t => t.Name))} RESTART IDENTITY;", _connection, _transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> WriteAsync(CopyTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var columns = table.PostgresOnly is { } extra ? [.. table.ColumnNames, extra.Column.Name] : table.ColumnNames.ToList();

        // COPY writes given values into an identity column as INSERT … OVERRIDING SYSTEM VALUE would.
        long written;
        await using (var import = await _connection!.BeginBinaryImportAsync(
            $"COPY {table.Name} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY);", cancellationToken))
        {
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                await import.StartRowAsync(cancellationToken);
                for (var i = 0; i < row.Length; i++)
                {
                    await WriteAsync(import, row[i], cancellationToken);
                }

                if (table.PostgresOnly is { } derived)
                {
                    await WriteAsync(import, derived.Derive(row), cancellationToken);
                }
            }

            written = (long)await import.CompleteAsync(cancellationToken);
        }

        if (table.GeneratedId is { } id)
        {
            await using var move = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence('{table.Name}', '{id}'), coalesce(max({id}), 0) + 1, false) FROM {table.Name};", _connection, _transaction);
            await move.ExecuteNonQueryAsync(cancellationToken);
        }

        return written;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            await _transaction.CommitAsync(cancellationToken);
            return;
        }

        await using var commit = new NpgsqlCommand("COMMIT;", _connection);
        await commit.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        await _dataSource.DisposeAsync();
    }

    private static object Read(NpgsqlDataReader reader, int ordinal, CopyColumnKind kind) => kind switch
    {
        CopyColumnKind.Text => reader.GetString(ordinal),
        CopyColumnKind.Integer => reader.GetInt32(ordinal),
        CopyColumnKind.BigInteger => reader.GetInt64(ordinal),
        CopyColumnKind.Time => reader.GetTime(ordinal),
        CopyColumnKind.Labels => reader.GetFieldValue<string[]>(ordinal),
        CopyColumnKind.Bytes => reader.GetFieldValue<byte[]>(ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    // Typed by the value's own type: the importer writes each type's binary form, never converting.
    private static Task WriteAsync(NpgsqlBinaryImporter import, object? value, CancellationToken ct) => value switch
    {
        null => import.WriteNullAsync(ct),
        DateTimeOffset time => import.WriteAsync(PostgresValues.ToStored(time), NpgsqlDbType.TimestampTz, ct),
        string text => import.WriteAsync(text, NpgsqlDbType.Text, ct),
        int number => import.WriteAsync(number, NpgsqlDbType.Integer, ct),
        long number => import.WriteAsync(number, NpgsqlDbType.Bigint, ct),
        string[] labels => import.WriteAsync(labels, NpgsqlDbType.Array | NpgsqlDbType.Text, ct),
        byte[] bytes => import.WriteAsync(bytes, NpgsqlDbType.Bytea, ct),
        _ => throw new ArgumentException($"a copied value of type {value.GetType()} has no PostgreSQL form", nameof(value)),
    };
}
