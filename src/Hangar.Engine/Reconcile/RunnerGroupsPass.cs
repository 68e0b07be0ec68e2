using Hangar.Core.Forges;
using Hangar.Core.RunnerGroups;
using Hangar.Engine.Actuation;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Managed runner groups (pools whose <c>runner_group</c> is a mapping) exist at their organization or enterprise in the
/// declared state: each pass reads every declared group, reports what differs (log and
/// <c>hangar_runner_groups_drift_total</c>) and has the actuator create or correct it. Runs on one replica at a time.
/// A group that fails is logged and retried next pass; it never stops the others.
/// </summary>
internal sealed class RunnerGroupsPass(
    PoolCatalog pools,
    ForgeSet forges,
    RunnerGroupSettings settings,
    RunnerGroupMetrics metrics,
    EngineOptions options,
    ILogger<RunnerGroupsPass> logger) : IReconcilePass
{
    public const string Missing = "missing";

    public string Name => LoopNames.RunnerGroups;

    public TimeSpan Interval => options.Loops.RunnerGroupsInterval;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var group in Declared())
        {
            try
            {
                await ReconcileAsync(group, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                metrics.Failed(group.Forge, group.Spec.Name);
                ReconcileLog.RunnerGroupFailed(logger, group.Forge, group.Target.ToString(), group.Spec.Name, ErrorText.Describe(ex));
            }
        }
    }

    /// <summary>Each declared group once (pools naming the same group agree on it; the configuration checks that).</summary>
    internal IEnumerable<ManagedRunnerGroup> Declared() => pools.All
        .Where(p => p.ManagedRunnerGroup is not null)
        .Select(p => new ManagedRunnerGroup(p.Forge, p.Target, p.ManagedRunnerGroup!))
        .DistinctBy(g => (g.Forge, g.Target, g.Spec.Name.ToUpperInvariant()));

    private async Task ReconcileAsync(ManagedRunnerGroup group, CancellationToken ct)
    {
        if (forges.Find(group.Forge) is not IRunnerGroupManager manager)
        {
            ReconcileLog.RunnerGroupsUnsupported(logger, group.Forge, group.Spec.Name);
            return;
        }

        var current = await manager.GetRunnerGroupAsync(group.Target, group.Spec.Name, ct).ConfigureAwait(false);
        if (current is null)
        {
            metrics.Drift(group.Forge, group.Spec.Name, Missing);
            ReconcileLog.RunnerGroupMissing(logger, group.Forge, group.Target.ToString(), group.Spec.Name);
            await settings.CreateAsync(group, ct).ConfigureAwait(false);
            return;
        }

        var fields = RunnerGroupDrift.Between(group.Spec, current);
        if (fields.Count == 0)
        {
            return;
        }

        foreach (var field in fields)
        {
            metrics.Drift(group.Forge, group.Spec.Name, field);
        }

        ReconcileLog.RunnerGroupDrifted(logger, group.Forge, group.Target.ToString(), group.Spec.Name, string.Join(",", fields));
        await settings.CorrectAsync(group, current, fields, ct).ConfigureAwait(false);
    }
}
