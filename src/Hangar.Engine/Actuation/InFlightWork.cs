using System.Collections.Concurrent;
using Hangar.Core.Leases;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>
/// The creates and destroys under way in this process, at most one per instance name, each in the background. Passes
/// leave an instance alone while it is listed here (its stored state is about to change). On shutdown the work is
/// cancelled; what it left is resumed from the stored state at the next start. Work started under a lease's fence keeps
/// it (the execution context flows into the work) and is cancelled when this replica loses that lease.
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

        var lost = StoreFence.Current?.Lost ?? CancellationToken.None;
        var stopping = _stopping.Token;
        _ = Task.Run(async () =>
        {
            using var owned = CancellationTokenSource.CreateLinkedTokenSource(stopping, lost);
            var ct = owned.Token;
            try
            {
                await work(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Shutting down, or the lease is gone: the stored state lets the next owner finish or undo this.
            }
            catch (StaleLeaseException ex)
            {
                // Another replica took the pool while this work ran: it stops, its last write refused.
                ActuationLog.WorkFenced(logger, name, ex.Fence.Lease, ex.Fence.Epoch);
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
