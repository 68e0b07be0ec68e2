using System.Globalization;
using System.Threading.Channels;
using Hangar.Core.Leases;
using Microsoft.Data.Sqlite;

namespace Hangar.Store.Sqlite;

/// <summary>
/// Connections to one database file. Readers run concurrently on pooled connections (WAL lets them read beside a
/// writer); writers go one at a time through <see cref="WriteAsync{T}"/>, with group commit: writes that queue while a
/// commit is under way share the next transaction, so one fsync covers all of them. The writer keeps one connection
/// open from batch to batch, with its pragmas set once and its statements prepared once (<see cref="SqliteStatements"/>);
/// it opens a fresh one after a batch failed, and closes it on dispose or when asked (<see cref="ReleaseWriterAsync"/>).
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    // Bounds how long the first write of a batch waits behind the others (each write takes tens of microseconds).
    private const int MaxBatch = 128;

    private const int ProbeTimeoutMs = 1000;

    // In-process writers queue here instead of spinning in SQLite's busy handler; BEGIN IMMEDIATE still orders
    // writers of other processes on the same file. One loop drains the queue, so there is one writer at a time.
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly string _connectionString;
    private readonly string _probeConnectionString;
    private readonly string _pragmas;

    // Owned by the writer loop alone: only it opens, uses and closes them.
    private SqliteConnection? _writerConnection;
    private SqliteStatements? _statements;

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

        // The probe's limit holds at both levels: SQLite's busy handler (its pragma) and Microsoft.Data.Sqlite's own retry
        // of a busy statement (the timeout here, also used by whatever the driver runs on open). Its own pool, so the
        // short limits never leak onto the connections the store reads and writes with. Never creates the file.
        _probeConnectionString = new SqliteConnectionStringBuilder(_connectionString)
        {
            Mode = SqliteOpenMode.ReadWrite,
            ForeignKeys = null,
            DefaultTimeout = (int)Math.Ceiling(ProbeTimeoutMs / 1000.0),
        }.ToString();

        // synchronous=FULL: a stored event must survive a power cut before the webhook is answered.
        var busyMs = ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        _pragmas = $"PRAGMA busy_timeout = {busyMs}; PRAGMA synchronous = FULL;";
        _writer = Task.Run(WriteLoopAsync);
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
    /// A read beside the writer queue: WAL lets it through whatever the writer holds. Its limit is short, so a file
    /// another process locked exclusively makes it fail within about a second rather than after the busy timeout.
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_probeConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {ProbeTimeoutMs};";
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = "SELECT count(*) FROM schema_migrations;";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a <c>BEGIN IMMEDIATE</c> transaction and completes once that transaction
    /// committed (durably: <c>synchronous=FULL</c>). Commands made with <see cref="SqliteConnection.CreateCommand"/> join
    /// it. The transaction may hold other writes too, each in its own savepoint: a write that throws is rolled back
    /// alone and its caller gets the exception; the others still commit. Writes run one after another, in queue
    /// order, each seeing the ones before it, exactly as if each had its own transaction.
    /// </summary>
    /// <remarks>Under a <see cref="StoreFence"/> the write first checks the fence's lease in its savepoint
    /// (<see cref="SqliteLeases.CheckAsync"/>) and fails with <see cref="StaleLeaseException"/>, writing nothing, when it
    /// changed hands. A single-replica installation never sets one.</remarks>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        // Captured here: the write runs later on the writer loop, outside the caller's flow.
        if (StoreFence.Current is { } fence)
        {
            var unfenced = write;
            write = async (connection, ct) =>
            {
                await SqliteLeases.CheckAsync(connection, fence, ct);
                return await unfenced(connection, ct);
            };
        }

        return WriteUnfencedAsync(write, cancellationToken);
    }

    /// <summary>A write that is never fenced: migrations, and the lease writes that fences are made of.</summary>
    public Task<T> WriteUnfencedAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var pending = new PendingWrite<T>(write, cancellationToken);
        if (!_writes.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase));
        }

        return pending.Task;
    }

    /// <summary>Closes the writer's connection once the writes queued before this call are done (the next write opens
    /// another): until then the store holds the file open, so no other process can lock it exclusively.</summary>
    public Task ReleaseWriterAsync()
    {
        var release = new PendingRelease();
        if (!_writes.Writer.TryWrite(release))
        {
            return Task.CompletedTask;
        }

        return release.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _writes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var write))
            {
                if (write is PendingRelease release)
                {
                    // The writes before it go first, in their own batch, so the release never reorders writes.
                    if (batch.Count > 0)
                    {
                        await CommitAsync(batch);
                        batch.Clear();
                    }

                    CloseWriter();
                    release.Committed();
                }
                else if (write.CancellationToken.IsCancellationRequested)
                {
                    write.Fail(new OperationCanceledException(write.CancellationToken));
                }
                else
                {
                    batch.Add(write);
                }
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch);
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        var failed = new HashSet<PendingWrite>();
        try
        {
            var connection = await WriterAsync();
            var statements = _statements!;

            // Taking the write lock up front (not at the first write) means two transactions that read and then
            // write can never both act on the same old state.
            await using var transaction = connection.BeginTransaction(deferred: false);
            statements.Transaction = transaction;
            if (batch.Count == 1)
            {
                await batch[0].RunAsync(connection);
            }
            else
            {
                foreach (var write in batch)
                {
                    statements.Execute("SAVEPOINT w;");
                    try
                    {
                        await write.RunAsync(connection);
                        statements.Execute("RELEASE w;");
                    }
                    catch (Exception ex)
                    {
                        statements.Execute("ROLLBACK TO w;");
                        statements.Execute("RELEASE w;");
                        write.Fail(ex);
                        failed.Add(write);
                    }
                }
            }

            await transaction.CommitAsync(CancellationToken.None);
            statements.Transaction = null;
        }
        catch (Exception ex)
        {
            // The database itself failed (I/O, a lock, a full disk): the next batch starts on a fresh connection. A
            // write's own exception (a missing row, a stale lease) was rolled back and leaves the connection as it was.
            if (ex is SqliteException)
            {
                CloseWriter();
            }

            // Nothing of the batch is durable: every write in it fails (a lone write gets its own exception here).
            foreach (var write in batch)
            {
                write.Fail(ex);
            }

            return;
        }

        foreach (var write in batch)
        {
            if (!failed.Contains(write))
            {
                write.Committed();
            }
        }
    }

    private async Task<SqliteConnection> WriterAsync()
    {
        if (_writerConnection is null)
        {
            var connection = await OpenAsync(CancellationToken.None);
            _statements = SqliteStatements.Attach(connection);
            _writerConnection = connection;
        }

        return _writerConnection;
    }

    private void CloseWriter()
    {
        _statements?.Dispose();
        _statements = null;
        _writerConnection?.Dispose();
        _writerConnection = null;
    }

    public void Dispose()
    {
        // Writes already queued still commit; later ones are refused.
        _writes.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
        CloseWriter();

        // Pooled connections keep the file (and its WAL) open; closing them lets SQLite checkpoint and release it.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        using var probe = new SqliteConnection(_probeConnectionString);
        SqliteConnection.ClearPool(probe);
    }
}
