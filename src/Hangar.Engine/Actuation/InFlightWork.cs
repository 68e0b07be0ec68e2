using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>
/// The creates and destroys under way in this process, at most one per instance name, each in the background. Passes
/// leave an instance alone while it is listed here (its stored state is about to change). On shutdown the work is
/// cancelled; what it left is resumed from the stored state at the next start.
/// </summary>
internal sealed class InFlightWork(ILogger<InFlightWork> logger) : IAsyncDisposable
{
    // Wall-clock cap: shutdown must end even when the injected clock is a test's fake one.
    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Task> _work = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    public bool Contains(string name) => _work.ContainsKey(name);

    public int Count => _work.Count;

    /// <summary>Starts <paramref name="work"/> for <paramref name="name"/> unless something is already under way for it.</summary>
    public void Start(string name, Func<CancellationToken, Task> work)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        // The entry completes only after it left the map, so WhenIdleAsync never sees a finished task still listed.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_work.TryAdd(name, done.Task))
        {
            return;
        }

        var ct = _stopping.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                await work(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Shutting down: the stored state lets the next start finish or undo this.
            }
            catch (Exception ex)
            {
                // Only store failures get here (provider and forge errors are handled inside); the next pass retries.
                ActuationLog.WorkFailed(logger, name, ex);
            }
            finally
            {
                _work.TryRemove(new KeyValuePair<string, Task>(name, done.Task));
                done.SetResult();
            }
        }, CancellationToken.None);
    }

    /// <summary>Waits until nothing is in flight (tests and shutdown).</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        while (!_work.IsEmpty)
        {
            await Task.WhenAll(_work.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_work.Values).WaitAsync(ShutdownWait).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Interrupted work is resumed from its stored state at the next start.
        }

        _stopping.Dispose();
    }
}
