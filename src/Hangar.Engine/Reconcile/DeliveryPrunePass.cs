using Hangar.Core.Storage;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Forgets webhook delivery ids older than <see cref="EngineOptions.DeliveryRetention"/>. Dedupe only has to outlast
/// the forge's redelivery window (GitHub: about 3 days); job state is forward-only, so an older replay is harmless.
/// </summary>
internal sealed class DeliveryPrunePass(IStore store, EngineMetrics metrics, EngineOptions options, TimeProvider time) : IReconcilePass
{
    public string Name => LoopNames.DeliveryPrune;

    public TimeSpan Interval => options.Loops.DeliveryPruneInterval;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var pruned = await store.PruneDeliveriesAsync(time.GetUtcNow() - options.DeliveryRetention, cancellationToken).ConfigureAwait(false);
        if (pruned > 0)
        {
            metrics.LoopAction(Name, "pruned", pruned);
        }
    }
}
