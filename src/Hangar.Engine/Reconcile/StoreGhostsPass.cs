using Hangar.Core.Instances;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Engine.Actuation;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Store instances whose machine the provider no longer has, or whose runner process exited, or (stopped tier) whose
/// machine is no longer made-and-not-started (<see cref="MachineExpectation"/>): a busy one is drained (its job is over
/// or lost), any other is marked failed. Converge then cleans it up and, if the demand is still there,
/// creates a replacement.
/// </summary>
internal sealed class StoreGhostsPass(
    IStore store,
    ProviderSet providers,
    Actuator actuator,
    Transitions transitions,
    ConvergeSignal signal,
    EngineMetrics metrics,
    EngineOptions options,
    ILogger<StoreGhostsPass> logger) : IReconcilePass
{
    public string Name => LoopNames.StoreGhosts;

    public TimeSpan Interval => options.Loops.StoreGhostsInterval;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var instances = await store.ListInstancesAsync(
            new InstanceQuery { States = [InstanceState.Stopped, InstanceState.Booting, InstanceState.Idle, InstanceState.Busy] }, cancellationToken).ConfigureAwait(false);
        var changed = 0;
        // Instances of a provider no longer configured are settled by converge; there is nothing here to ask.
        foreach (var group in instances.Where(i => providers.Contains(i.Provider)).GroupBy(i => i.Provider, StringComparer.Ordinal))
        {
            IReadOnlyList<ProviderInstance> seen;
            try
            {
                seen = await providers.Get(group.Key).ListAsync(null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Unreachable is not gone: only a provider that answered can say a machine is missing.
                ReconcileLog.ObserveFailed(logger, $"provider:{group.Key}", ErrorText.Describe(ex));
                continue;
            }

            var seenByName = seen.ToDictionary(p => p.Name, StringComparer.Ordinal);
            foreach (var instance in group)
            {
                if (actuator.IsInFlight(instance.Name))
                {
                    continue;
                }

                seenByName.TryGetValue(instance.Name, out var actual);
                if (actual is not null && MachineExpectation.Fits(instance.State, actual.Status))
                {
                    continue;
                }

                // The list was taken after the instance rows were read; re-read the row so a machine created and
                // listed in between is not mistaken for a ghost.
                var current = await store.GetInstanceAsync(instance.Name, cancellationToken).ConfigureAwait(false);
                if (current is null || current.State != instance.State)
                {
                    continue;
                }

                var why = actual is null ? "machine vanished at provider"
                    : instance.State == InstanceState.Stopped ? $"stopped machine found {actual.Status.ToString().ToLowerInvariant()} at provider"
                    : "runner process exited";
                var target = instance.State == InstanceState.Busy ? InstanceState.Draining : InstanceState.Failed;
                if (await transitions.TryMoveAsync(instance.Name, target, why, cancellationToken: cancellationToken).ConfigureAwait(false) is not null)
                {
                    changed++;
                    metrics.LoopAction(Name, actual is null ? "vanished" : "exited");
                }
            }
        }

        if (changed > 0)
        {
            signal.Nudge();
        }
    }
}
