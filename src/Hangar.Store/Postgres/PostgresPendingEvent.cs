using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Store.Postgres;

/// <summary>A job event waiting for the group commit (<see cref="PostgresIntakeWriter"/>). Its task completes only after
/// the transaction holding it committed.</summary>
internal sealed class PostgresPendingEvent(JobEvent jobEvent, DateTimeOffset now, CancellationToken cancellationToken)
{
    // Continuations must not run on the writer loop: callers would then delay every batch behind them.
    private readonly TaskCompletionSource<JobEventOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public JobEvent Event { get; } = jobEvent;

    public DateTimeOffset Now { get; } = now;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public Task<JobEventOutcome> Task => _completion.Task;

    public void Committed(JobEventOutcome outcome) => _completion.TrySetResult(outcome);

    public void Fail(Exception exception)
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
