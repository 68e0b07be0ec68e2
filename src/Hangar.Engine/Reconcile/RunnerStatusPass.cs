using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Core.Storage;
using Hangar.Engine.Actuation;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>Booting runners become idle once the forge lists them online, busy once it says so (covers a lost
/// <c>in_progress</c> webhook and the forge's job event racing the runner's own report).</summary>
internal sealed class RunnerStatusPass(
    IStore store,
    PoolCatalog pools,
    ForgeSet forges,
    Actuator actuator,
    Transitions transitions,
    ConvergeSignal signal,
    EngineMetrics metrics,
    EngineOptions options,
    ILogger<RunnerStatusPass> logger) : IReconcilePass
{
    public string Name => LoopNames.RunnerStatus;

    public TimeSpan Interval => options.ObserveInterval;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var instances = await store.ListInstancesAsync(
            new InstanceQuery { States = [InstanceState.Booting, InstanceState.Idle] }, cancellationToken).ConfigureAwait(false);
        if (instances.Count == 0)
        {
            return;
        }

        var changed = 0;
        var byTarget = instances
            .Select(i => (Instance: i, Pool: pools.Find(i.Pool)))
            .Where(x => x.Pool is not null)
            .GroupBy(x => (x.Pool!.Forge, x.Pool.Target));
        foreach (var group in byTarget)
        {
            IReadOnlyList<ForgeRunner> runners;
            try
            {
                runners = await forges.Get(group.Key.Forge).ListRunnersAsync(group.Key.Target, null, cancellationToken).ConfigureAwait(false);
            }
            catch (ForgeBudgetExceededException deferred)
            {
                ForgeDeferral.Note(logger, metrics, Name, $"forge:{group.Key.Forge}:{group.Key.Target}", deferred);
                continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ReconcileLog.ObserveFailed(logger, $"forge:{group.Key.Forge}:{group.Key.Target}", ErrorText.Describe(ex));
                continue;
            }

            // Gitea and Forgejo do not keep runner names unique (a re-registration is a new entry with the same name,
            // go-gitea/gitea#36567): take the registration in use.
            var byName = runners
                .GroupBy(r => r.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Busy).ThenByDescending(r => r.Online).First(), StringComparer.Ordinal);
            foreach (var (instance, _) in group)
            {
                if (!byName.TryGetValue(instance.Name, out var runner) || actuator.IsInFlight(instance.Name))
                {
                    continue;
                }

                var ids = new InstanceChanges { ForgeRunnerId = runner.Id };
                if (runner.Busy)
                {
                    if (await transitions.TryMoveAsync(instance.Name, InstanceState.Busy, "forge reports the runner busy", ids, cancellationToken).ConfigureAwait(false) is not null)
                    {
                        changed++;
                        metrics.LoopAction(Name, "busy");
                    }
                }
                else if (runner.Online && instance.State == InstanceState.Booting)
                {
                    if (await transitions.TryMoveAsync(instance.Name, InstanceState.Idle, "runner online at the forge", ids, cancellationToken).ConfigureAwait(false) is not null)
                    {
                        changed++;
                        metrics.LoopAction(Name, "online");
                    }
                }
            }
        }

        if (changed > 0)
        {
            signal.Nudge();
        }
    }
}
