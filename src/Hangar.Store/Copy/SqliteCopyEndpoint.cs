using System.Runtime.CompilerServices;
using Hangar.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace Hangar.Store.Copy;

/// <summary>
/// A SQLite file as a copy's source or target. The server lock is held from the first check to the end, so no
/// <c>hangar serve</c> can start on the file while it is read or written.
/// </summary>
internal sealed class SqliteCopyEndpoint(SqliteStoreOptions options, bool mustExist) : ICopyEndpoint
{
    private readonly string _path = Path.GetFullPath(options.Path);
    private SqliteServerLock? _lock;
    private SqliteConnection? _connection;
    private SqliteTransaction? _transaction;

    public string Description => "sqlite:" + _path;

    public Task EnsureNotServedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (mustExist && !File.Exists(_path))
        {
            throw new InvalidOperationException($"there is no SQLite database at {_path}");
        }

        if (_lock is null)
        {
            var held = new SqliteServerLock(_path);
            try
            {
                held.Acquire();
            }
            catch (InvalidOperationException e)
            {
                held.Dispose();
                throw new InvalidOperationException($"a Hangar server is running on {_path} (it holds {held.LockPath}); stop it before copying", e);
            }

            _lock = held;
        }

        return Task.CompletedTask;
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var store = new SqliteStore(options);
        await store.MigrateAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> SchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table';";
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

    // A deferred transaction reads one snapshot of the file (WAL) from its first read to its end.
    public Task BeginReadAsync(CancellationToken cancellationToken) => BeginAsync(deferred: true, cancellationToken);

    public async IAsyncEnumerable<object?[]> ReadAsync(CopyTable table, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {string.Join(", ", table.ColumnNames)} FROM {table.Name} ORDER BY {table.OrderBy};");
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

    public Task BeginWriteAsync(CancellationToken cancellationToken) => BeginAsync(deferred: false, cancellationToken);

    public async Task<long> CountAsync(CopyTable table, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT count(*) FROM {table.Name};");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        var tables = CopyCatalog.Tables.Reverse().Select(t => $"DELETE FROM {t.Name};");
        await using var command = Command(string.Join(" ", tables) + " DELETE FROM sqlite_sequence;");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // AUTOINCREMENT keeps sqlite_sequence past every id inserted, given or generated: nothing to move afterwards.
    public async Task<long> WriteAsync(CopyTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var command = Command(
            $"INSERT INTO {table.Name} ({string.Join(", ", table.ColumnNames)}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))});");
        var parameters = table.Columns.Select((_, i) => command.Parameters.Add("$p" + i, SqliteType.Text)).ToArray();
        long written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            for (var i = 0; i < row.Length; i++)
            {
                parameters[i].SqliteType = Type(table.Columns[i].Kind);
                parameters[i].Value = row[i] is { } value ? Stored(value, table.Columns[i].Kind) : DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
            written++;
        }

        return written;
    }

    public async Task CommitAsync(CancellationToken cancellationToken) => await _transaction!.CommitAsync(cancellationToken);

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

        _lock?.Dispose();
    }

    private async Task BeginAsync(bool deferred, CancellationToken cancellationToken)
    {
        _connection = await OpenAsync(cancellationToken);
        _transaction = _connection.BeginTransaction(deferred);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _path, Mode = SqliteOpenMode.ReadWrite, ForeignKeys = true, Pooling = false,
        }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection!.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }

    private static object Read(SqliteDataReader reader, int ordinal, CopyColumnKind kind) => kind switch
    {
        CopyColumnKind.Text => reader.GetString(ordinal),
        CopyColumnKind.Integer => reader.GetInt32(ordinal),
        CopyColumnKind.BigInteger => reader.GetInt64(ordinal),
        CopyColumnKind.Time => SqliteValues.FromUnixMs(reader.GetInt64(ordinal)),
        CopyColumnKind.Labels => SqliteValues.StringsFromJson(reader.GetString(ordinal)),
        CopyColumnKind.Bytes => reader.GetFieldValue<byte[]>(ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static object Stored(object value, CopyColumnKind kind) => kind switch
    {
        CopyColumnKind.Time => SqliteValues.ToUnixMs((DateTimeOffset)value),
        CopyColumnKind.Labels => SqliteValues.ToJson((string[])value),
        _ => value,
    };

    private static SqliteType Type(CopyColumnKind kind) => kind switch
    {
        CopyColumnKind.Text or CopyColumnKind.Labels => SqliteType.Text,
        CopyColumnKind.Bytes => SqliteType.Blob,
        _ => SqliteType.Integer,
    };
}
