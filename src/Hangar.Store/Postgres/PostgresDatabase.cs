using Hangar.Core.Leases;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>
/// Pooled connections to one PostgreSQL database, with statements prepared automatically on each physical connection
/// (Npgsql prepares a statement again on a new connection, so preparation survives a lost one). A read or a write
/// that finds its connection lost (a server restart, <c>pg_terminate_backend</c>, a failover) runs again on a new one,
/// but only when nothing can have committed: a write whose COMMIT was sent and not answered is never repeated.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    private const int MaxAttempts = 4;

    // Enough statements for every shape the store sends (lists build a handful per filter combination).
    private const int AutoPrepared = 128;

    private const int ProbeTimeoutSeconds = 2;

    /// <summary>How long the server lets one of Hangar's sessions sit idle inside a transaction before ending it.</summary>
    public static readonly TimeSpan IdleInTransactionTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan[] Backoff = [TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1)];

    private readonly NpgsqlDataSource _probeSource;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public PostgresDatabase(PostgresStoreOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        _timeProvider = timeProvider;
        _logger = logger;
        Name = options.Describe();

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = AutoPrepared;
            builder.AutoPrepareMinUsages = 2;
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "hangar";
        }

        // A replica stalled inside a transaction (SIGSTOP, a frozen VM, a pause of the process) would hold that
        // transaction's locks for as long as it stalls: a fenced write's FOR SHARE on its lease row keeps every other
        // replica from taking the lease over. The server ends such a session; Hangar's own transactions never wait on
        // the client between statements for anything near this long. A connection string's own setting wins.
        if (builder.Options?.Contains("idle_in_transaction_session_timeout", StringComparison.Ordinal) != true)
        {
            builder.Options = $"{builder.Options} -c idle_in_transaction_session_timeout={(int)IdleInTransactionTimeout.TotalMilliseconds}".Trim();
        }

        DataSource = NpgsqlDataSource.Create(builder);

        // Its own small pool with short limits: readiness never waits for a connection the store's work holds, and
        // never longer than a couple of seconds for an answer.
        _probeSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(builder.ConnectionString)
        {
            MaxPoolSize = 2,
            Timeout = ProbeTimeoutSeconds,
            CommandTimeout = ProbeTimeoutSeconds,
            ApplicationName = builder.ApplicationName + " probe",
        });
    }

    /// <summary>Where the database is, without credentials.</summary>
    public string Name { get; }

    public NpgsqlDataSource DataSource { get; }

    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
                return await read(connection, cancellationToken);
            }
            catch (Exception ex) when (attempt < MaxAttempts && !cancellationToken.IsCancellationRequested && IsConnectionLost(ex))
            {
                await BackOffAsync(ex, attempt, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction (READ COMMITTED; it takes the row locks it needs) and completes
    /// once that transaction committed. Commands made on the connection join the transaction. Under a
    /// <see cref="StoreFence"/>, the transaction first checks the fence's lease (<see cref="PostgresLeases.CheckAsync"/>)
    /// and throws <see cref="StaleLeaseException"/>, committing nothing, when it changed hands.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken) =>
        WriteAsync(StoreFence.Current, write, cancellationToken);

    /// <summary>A write that is never fenced: migrations, and the lease writes that fences are made of.</summary>
    public Task<T> WriteUnfencedAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken) =>
        WriteAsync(null, write, cancellationToken);

    private async Task<T> WriteAsync<T>(LeaseFence? fence, Func<NpgsqlConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var committing = false;
            try
            {
                await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if (fence is not null)
                {
                    await PostgresLeases.CheckAsync(connection, fence, cancellationToken);
                }

                var result = await write(connection, cancellationToken);
                committing = true;

                // Cancelling a COMMIT under way would leave its outcome unknown to the caller.
                await transaction.CommitAsync(CancellationToken.None);
                return result;
            }
            catch (Exception ex) when (attempt < MaxAttempts && !cancellationToken.IsCancellationRequested && CanRetry(ex, committing))
            {
                await BackOffAsync(ex, attempt, cancellationToken);
            }
        }
    }

    /// <summary>A read on the probe's own pool; MVCC means it never waits for a writer.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _probeSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM schema_migrations;";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>
    /// Whether a failed transaction certainly did not commit and may run again. The server rolled back a
    /// serialization failure or a deadlock victim whenever it reported one; a lost connection undid the transaction
    /// only if it was lost before the COMMIT went out.
    /// </summary>
    private static bool CanRetry(Exception exception, bool committing) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }
        || (!committing && IsConnectionLost(exception));

    private static bool IsConnectionLost(Exception exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow } => true,

        // The server ended a session that sat idle in a transaction (a stall, IdleInTransactionTimeout): nothing committed.
        PostgresException { SqlState: "25P03" } => true,
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    private async Task BackOffAsync(Exception exception, int attempt, CancellationToken cancellationToken)
    {
        PostgresStoreLog.Retrying(_logger, exception, Name, attempt);
        if (IsConnectionLost(exception))
        {
            // After a restart or a mass termination every idle pooled connection is dead: drop them all rather than
            // find each one by failing on it.
            DataSource.Clear();
        }

        var delay = Backoff[Math.Min(attempt - 1, Backoff.Length - 1)];
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _timeProvider, cancellationToken);
        }
    }

    public void Dispose()
    {
        DataSource.Dispose();
        _probeSource.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _probeSource.DisposeAsync();
    }
}
