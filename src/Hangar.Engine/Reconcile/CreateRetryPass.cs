using Hangar.Core.Instances;
using Hangar.Core.Storage;
using Hangar.Engine.Provisioning;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Starts the next attempt of creates that failed and wait under their own name (state pending, attempts &gt; 0) once
/// their backoff has passed. The provisioner decides at failure time whether another attempt is allowed; past the
/// maximum the instance is failed with the reason, and stays visible (<c>hangar runners list --failed</c>).
/// </summary>
public sealed class CreateRetryPass(
    IStore store,
    Provisioner provisioner,
    EngineMetrics metrics,
    EngineOptions options,
    TimeProvider time)
{
    public const string LoopName = "create-retry";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var pending = await store.ListInstancesAsync(new InstanceQuery { States = [InstanceState.Pending] }, cancellationToken).ConfigureAwait(false);
        foreach (var instance in pending)
        {
            if (instance.Attempts > 0 && options.Loops.CreateRetry.IsDue(instance, now) && !provisioner.IsInFlight(instance.Name))
            {
                metrics.LoopAction(LoopName, "retried");
                provisioner.StartCreate(instance);
            }
        }
    }
}
