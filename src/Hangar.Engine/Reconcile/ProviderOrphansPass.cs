using Hangar.Core.Instances;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Engine.Actuation;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Machines carrying our controller id that the store does not know (or knows as deleted) are destroyed, through the
/// actuator and so within the provider's slots.
/// </summary>
internal sealed class ProviderOrphansPass(
    IStore store,
    ProviderSet providers,
    Actuator actuator,
    EngineMetrics metrics,
    EngineOptions options,
    ILogger<ProviderOrphansPass> logger) : IReconcilePass
{
    public string Name => LoopNames.ProviderOrphans;

    public TimeSpan Interval => options.Loops.ProviderOrphansInterval;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var provider in providers.All)
        {
            IReadOnlyList<ProviderInstance> seen;
            try
            {
                seen = await provider.ListAsync(null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ReconcileLog.ObserveFailed(logger, $"provider:{provider.Name}", ErrorText.Describe(ex));
                continue;
            }

            foreach (var machine in seen)
            {
                // The name was stored before the machine was created, so an unknown name can never be a create in
                // flight; a row read after the list is therefore the truth about it.
                var row = await store.GetInstanceAsync(machine.Name, cancellationToken).ConfigureAwait(false);
                if (row is not null && row.State != InstanceState.Deleted)
                {
                    continue;
                }

                try
                {
                    await actuator.DeleteOrphanMachineAsync(provider.Name, machine.Name, cancellationToken).ConfigureAwait(false);
                    ReconcileLog.OrphanDestroyed(logger, provider.Name, machine.Name);
                    metrics.OrphanRemoved("provider");
                    metrics.LoopAction(Name, "destroyed");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One machine that will not go must not stop the rest of the pass; the next pass tries again.
                    ReconcileLog.ObserveFailed(logger, $"orphan:{provider.Name}:{machine.Name}", ErrorText.Describe(ex));
                }
            }
        }
    }
}
