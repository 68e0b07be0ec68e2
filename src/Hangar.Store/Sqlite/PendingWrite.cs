using Microsoft.Data.Sqlite;

namespace Hangar.Store.Sqlite;

/// <summary>A write waiting for the group commit. Its task completes only after the transaction holding it committed.</summary>
internal abstract class PendingWrite(CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Runs the write on the batch's connection; the result is held back until the commit.</summary>
    public abstract Task RunAsync(SqliteConnection connection);

    /// <summary>The batch committed: hands out the held result.</summary>
    public abstract void Committed();

    public abstract void Fail(Exception exception);
}
