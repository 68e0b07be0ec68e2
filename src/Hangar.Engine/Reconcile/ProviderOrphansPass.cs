using Hangar.Core.Instances;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Engine.Provisioning;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>Machines carrying our controller id that the store does not know (or knows as deleted) are destroyed.</summary>
public sealed class ProviderOrphansPass(
    IStore store,
    ProviderSet providers,
    EngineMetrics metrics,
    ILogger<ProviderOrphansPass> logger)
{
    public const string LoopName = "provider-orphans";

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
                EngineLog.ObserveFailed(logger, $"provider:{provider.Name}", Provisioner.Describe(ex));
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
                    await provider.DeleteAsync(machine.Name, cancellationToken).ConfigureAwait(false);
                    EngineLog.OrphanDestroyed(logger, provider.Name, machine.Name);
                    metrics.OrphanRemoved("provider");
                    metrics.LoopAction(LoopName, "destroyed");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One machine that will not go must not stop the rest of the pass; the next pass tries again.
                    EngineLog.ObserveFailed(logger, $"orphan:{provider.Name}:{machine.Name}", Provisioner.Describe(ex));
                }
            }
        }
    }
}
