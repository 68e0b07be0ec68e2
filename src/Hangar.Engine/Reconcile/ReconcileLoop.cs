using Hangar.Core.Forges;
using Hangar.Engine.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Runs one pass at start, then one per tick of a <see cref="PeriodicTimer"/> on the injected clock. A failed pass is
/// logged and counted and the loop goes on; only shutdown ends it. A loop given a <see cref="ConvergeSignal"/> also
/// runs as soon as it is nudged (converge: intake and observation wake it rather than wait for the tick). Every pass runs
/// in a <see cref="ForgeCallScope"/> of the loop's name and <see cref="IReconcilePass.ForgePriority"/>, so a forge's request
/// budget knows whose calls it ranks (and the work the pass starts in the background, which inherits the scope). A pass
/// that runs once among replicas waits for its lease before each run, runs with its writes fenced, and is cancelled
/// when the lease is lost (<see cref="IReconcilePass.ActsPerPool"/>).
/// </summary>
internal sealed class ReconcileLoop(
    IReconcilePass pass, ConvergeSignal? wake, ILeaseOwnership ownership, EngineMetrics metrics, TimeProvider time, ILogger<ReconcileLoop> logger)
    : BackgroundService
{
    private long _passes;

    // A PeriodicTimer allows one wait at a time: a tick still awaited when a nudge won is awaited again next time.
    private Task<bool>? _pendingTick;

    public IReconcilePass Pass => pass;

    public string Name => pass.Name;

    public TimeSpan Interval => pass.Interval;

    /// <summary>Completed passes, for health and tests.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(pass.Interval, time);
        try
        {
            do
            {
                await RunPassAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await NextAsync(timer, stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task RunPassAsync(CancellationToken stoppingToken)
    {
        var lease = pass.ActsPerPool ? null : await ownership.AcquireAsync(LeaseNames.Pass(Name), stoppingToken).ConfigureAwait(false);
        try
        {
            using var owned = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease?.Lost ?? CancellationToken.None);
            using (ForgeCallScope.Begin(Name, pass.ForgePriority))
            using (lease?.Enter())
            {
                await pass.RunAsync(owned.Token).ConfigureAwait(false);
            }

            Interlocked.Increment(ref _passes);
            metrics.LoopPass(Name);
        }
        catch (Exception) when (lease is { IsLost: true } && !stoppingToken.IsCancellationRequested)
        {
            // Another replica took the pass over mid-run (cancelled, or a write refused by the fence): not a failure.
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            ReconcileLog.PassFailed(logger, Name, ex);
            metrics.LoopFailure(Name);
        }
    }

    /// <summary>Waits for the next tick or nudge. False once the timer is disposed.</summary>
    private async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        var tick = _pendingTick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
        if (wake is not null)
        {
            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var nudged = wake.WaitAsync(Timeout.InfiniteTimeSpan, time, stopWaiting.Token);
            if (await Task.WhenAny(tick, nudged).ConfigureAwait(false) == nudged)
            {
                await nudged.ConfigureAwait(false);
                return true;
            }

            await stopWaiting.CancelAsync().ConfigureAwait(false);
        }

        _pendingTick = null;
        return await tick.ConfigureAwait(false);
    }
}
