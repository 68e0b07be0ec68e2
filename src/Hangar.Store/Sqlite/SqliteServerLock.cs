using Microsoft.Extensions.Hosting;

namespace Hangar.Store.Sqlite;

/// <summary>
/// One server per SQLite file: a SQLite installation has no leases, so a second <c>hangar serve</c> on the same file
/// would plan, create and delete beside the first. The server holds an exclusive lock on <c>FILE.lock</c> (an OS file
/// lock, released by the kernel when the process dies, so a crash never leaves it stuck) from before the migration
/// until it stops; a second server, or <c>hangar store copy</c> from a file in use, is refused with a clear error.
/// </summary>
public sealed class SqliteServerLock(string databasePath) : IHostedLifecycleService, IDisposable
{
    private FileStream? _lock;

    /// <summary>The lock file beside the database.</summary>
    public string LockPath { get; } = Path.GetFullPath(databasePath) + ".lock";

    /// <summary>Takes the lock. </summary>
    /// <exception cref="InvalidOperationException">Another process holds it.</exception>
    public void Acquire()
    {
        if (_lock is not null)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(LockPath)!);
        try
        {
            // FileShare.None takes an exclusive, non-blocking lock on the open file (flock on Linux).
            _lock = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"another Hangar server uses the SQLite database {Path.GetFullPath(databasePath)} (it holds {LockPath}); a SQLite installation runs one server — stop the other one, or move to PostgreSQL for several replicas (docs/scale-out.md)",
                e);
        }
    }

    /// <summary>True when no process holds the lock right now (it is not kept).</summary>
    public static bool IsFree(string databasePath)
    {
        using var probe = new SqliteServerLock(databasePath);
        try
        {
            probe.Acquire();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        Acquire();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }
}
