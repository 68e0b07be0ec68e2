using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Hangar.Store.Sqlite;

/// <summary>
/// Connections to one database file. Readers run concurrently on pooled connections (WAL lets them read beside a
/// writer); writers go one at a time through <see cref="WriteAsync{T}"/>.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    // In-process writers queue here instead of spinning in SQLite's busy handler; BEGIN IMMEDIATE still orders
    // writers of other processes on the same file.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly string _connectionString;
    private readonly string _pragmas;

    public SqliteDatabase(SqliteStoreOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        FilePath = Path.GetFullPath(options.Path);
        var directory = Path.GetDirectoryName(FilePath);
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds) + 5,
        }.ToString();

        // synchronous=FULL: a stored event must survive a power cut before the webhook is answered.
        var busyMs = ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        _pragmas = $"PRAGMA busy_timeout = {busyMs}; PRAGMA synchronous = FULL;";
    }

    public string FilePath { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await read(connection, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a <c>BEGIN IMMEDIATE</c> transaction, committed when it returns and rolled
    /// back when it throws. Commands made with <see cref="SqliteConnection.CreateCommand"/> join the transaction.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);

            // Taking the write lock up front (not at the first write) means two transactions that read and then
            // write can never both act on the same old state.
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await write(connection, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose()
    {
        // Pooled connections keep the file (and its WAL) open; closing them lets SQLite checkpoint and release it.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
