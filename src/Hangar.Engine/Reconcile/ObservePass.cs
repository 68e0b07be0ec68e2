using Hangar.Core.Instances;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Engine.Provisioning;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Compares the store with what providers and forges report: runners coming online, machines that exited or vanished,
/// and machines carrying our controller id that the store does not know (orphans). Covers lost webhooks and crashes.
/// </summary>
public sealed class ObservePass(
    IStore store,
    PoolCatalog pools,
    ProviderSet providers,
    ForgeSet forges,
    Provisioner provisioner,
    Transitions transitions,
    ConvergeSignal signal,
    EngineMetrics metrics,
    EngineOptions options,
    TimeProvider time,
    ILogger<ObservePass> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var changed = false;
        var instances = await store.ListInstancesAsync(InstanceQuery.Live, cancellationToken).ConfigureAwait(false);
        foreach (var provider in providers.All)
        {
            changed |= await ObserveProviderAsync(provider, instances, cancellationToken).ConfigureAwait(false);
        }

        changed |= await ObserveForgesAsync(instances, cancellationToken).ConfigureAwait(false);
        await store.PruneDeliveriesAsync(time.GetUtcNow() - options.DeliveryRetention, cancellationToken).ConfigureAwait(false);
        if (changed)
        {
            signal.Nudge();
        }
    }

    private async Task<bool> ObserveProviderAsync(IProvider provider, IReadOnlyList<Instance> instances, CancellationToken ct)
    {
        IReadOnlyList<ProviderInstance> seen;
        try
        {
            seen = await provider.ListAsync(null, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            EngineLog.ObserveFailed(logger, $"provider:{provider.Name}", Provisioner.Describe(ex));
            return false;
        }

        var known = instances.Where(i => i.Provider == provider.Name).ToDictionary(i => i.Name, StringComparer.Ordinal);
        var seenByName = seen.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var changed = false;

        foreach (var orphan in seen.Where(p => !known.ContainsKey(p.Name)))
        {
            // Known-but-deleted rows are not in `known` either: their machine should be gone, so removing it is right.
            // The name was stored before the machine was created, so an unknown name can never be a create in flight.
            var row = await store.GetInstanceAsync(orphan.Name, ct).ConfigureAwait(false);
            if (row is null || row.State == InstanceState.Deleted)
            {
                try
                {
                    await provider.DeleteAsync(orphan.Name, ct).ConfigureAwait(false);
                    EngineLog.OrphanDestroyed(logger, provider.Name, orphan.Name);
                    metrics.OrphanRemoved("provider");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One machine that will not go must not stop the rest of the pass; the next pass tries again.
                    EngineLog.ObserveFailed(logger, $"orphan:{provider.Name}:{orphan.Name}", Provisioner.Describe(ex));
                }
            }
        }

        foreach (var instance in known.Values)
        {
            if (instance.State is not (InstanceState.Booting or InstanceState.Idle or InstanceState.Busy) || provisioner.IsInFlight(instance.Name))
            {
                continue;
            }

            seenByName.TryGetValue(instance.Name, out var actual);
            if (actual is not null && actual.Status is ProviderInstanceStatus.Running or ProviderInstanceStatus.Created or ProviderInstanceStatus.Unknown)
            {
                continue;
            }

            var why = actual is null ? "machine vanished at provider" : "runner process exited";
            var target = instance.State == InstanceState.Busy ? InstanceState.Draining : InstanceState.Failed;
            changed |= await transitions.TryMoveAsync(instance.Name, target, why, cancellationToken: ct).ConfigureAwait(false) is not null;
        }

        return changed;
    }

    /// <summary>Booting runners become idle once the forge lists them online, busy once it says so.</summary>
    private async Task<bool> ObserveForgesAsync(IReadOnlyList<Instance> instances, CancellationToken ct)
    {
        var waiting = instances.Where(i => i.State is InstanceState.Booting or InstanceState.Idle).ToList();
        if (waiting.Count == 0)
        {
            return false;
        }

        var changed = false;
        var byTarget = waiting
            .Select(i => (Instance: i, Pool: pools.Find(i.Pool)))
            .Where(x => x.Pool is not null)
            .GroupBy(x => (x.Pool!.Forge, x.Pool.Target));
        foreach (var group in byTarget)
        {
            IReadOnlyList<Core.Forges.ForgeRunner> runners;
            try
            {
                runners = await forges.Get(group.Key.Forge).ListRunnersAsync(group.Key.Target, null, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                EngineLog.ObserveFailed(logger, $"forge:{group.Key.Forge}:{group.Key.Target}", Provisioner.Describe(ex));
                continue;
            }

            // Gitea and Forgejo do not keep runner names unique (a re-registration is a new entry with the same name,
            // go-gitea/gitea#36567): take the registration in use.
            var byName = runners
                .GroupBy(r => r.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Busy).ThenByDescending(r => r.Online).First(), StringComparer.Ordinal);
            foreach (var (instance, _) in group)
            {
                if (!byName.TryGetValue(instance.Name, out var runner) || provisioner.IsInFlight(instance.Name))
                {
                    continue;
                }

                var ids = new InstanceChanges { ForgeRunnerId = runner.Id };
                if (runner.Busy)
                {
                    changed |= await transitions.TryMoveAsync(instance.Name, InstanceState.Busy, "forge reports the runner busy", ids, ct).ConfigureAwait(false) is not null;
                }
                else if (runner.Online && instance.State == InstanceState.Booting)
                {
                    changed |= await transitions.TryMoveAsync(instance.Name, InstanceState.Idle, "runner online at the forge", ids, ct).ConfigureAwait(false) is not null;
                }
            }
        }

        return changed;
    }
}
