using Microsoft.Data.Sqlite;

namespace Hangar.Store.Sqlite;

/// <summary>Not a write: a marker in the writer's queue asking it to close its connection (<see cref="SqliteDatabase.ReleaseWriterAsync"/>).</summary>
internal sealed class PendingRelease() : PendingWrite(CancellationToken.None)
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => _completion.Task;

    public override Task RunAsync(SqliteConnection connection) => throw new InvalidOperationException("a release is not run as a write");

    public override void Committed() => _completion.TrySetResult();

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
