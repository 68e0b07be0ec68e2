using Microsoft.Data.Sqlite;

namespace Hangar.Store.Sqlite;

/// <summary>A write whose result its caller awaits; see <see cref="PendingWrite"/>.</summary>
internal sealed class PendingWrite<T>(Func<SqliteConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    : PendingWrite(cancellationToken)
{
    // Continuations must not run on the writer loop: callers would then delay every write behind them.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override async Task RunAsync(SqliteConnection connection) => _result = await write(connection, CancellationToken);

    public override void Committed() => _completion.TrySetResult(_result!);

    public override void Fail(Exception exception)
    {
        if (exception is OperationCanceledException && CancellationToken.IsCancellationRequested)
        {
            _completion.TrySetCanceled(CancellationToken);
        }
        else
        {
            _completion.TrySetException(exception);
        }
    }
}
