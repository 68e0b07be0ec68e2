using System.Text.RegularExpressions;
using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Core.Storage;
using Hangar.Engine.Actuation;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Removes runner registrations that are this installation's but have no live instance: left behind when a
/// deregistration failed, or by a crash between minting a credential and storing the outcome. Ours means named with our
/// controller tag (<c>hgr-{pool}-{tag}…</c>, <see cref="InstanceNames"/>), or named as an instance the store knows;
/// another installation's runners, even of a pool with the same name at the same target, carry another tag and are
/// never touched. A name in the form used before the tag (<c>hgr-{pool}-…</c> for one of our pools) may be ours or
/// another installation's: it is removed when the store knows it, or while it is offline (a runner of ours is never
/// online without a row, while another installation's idle runner is). The instance row is written before a
/// credential is minted, and the rows are read after the forge's list, so a registration of a pending or provisioning
/// instance always has a live row and is never taken for an orphan. A registration must also look orphaned for a
/// grace period, across passes, before it is removed (through the actuator); a busy one is left alone (the forge
/// refuses, and its job is not ours to cut).
/// </summary>
internal sealed class ForgeOrphansPass(
    IStore store,
    PoolCatalog pools,
    ForgeSet forges,
    Actuator actuator,
    EngineMetrics metrics,
    EngineOptions options,
    TimeProvider time,
    ILogger<ForgeOrphansPass> logger) : IReconcilePass
{
    private readonly Regex _tagged = InstanceNames.Tagged(InstanceNames.ControllerTag(options.ControllerId));

    private readonly Regex _legacy = InstanceNames.Legacy(pools.All.Select(p => p.Name));

    private readonly Dictionary<(string Forge, string Target, long Id), DateTimeOffset> _firstSeen = [];

    public string Name => LoopNames.ForgeOrphans;

    public TimeSpan Interval => options.Loops.ForgeOrphansInterval;

    /// <summary>Its runner lists only catch what a failed removal left: a sweep, slowed first when quota runs low.</summary>
    public ForgePriority ForgePriority => ForgePriority.Sweep;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stillOrphaned = new HashSet<(string, string, long)>();
        foreach (var target in pools.All.Select(p => (p.Forge, p.Target)).Distinct())
        {
            var forge = forges.Get(target.Forge);
            IReadOnlyList<ForgeRunner> runners;
            try
            {
                runners = await forge.ListRunnersAsync(target.Target, null, cancellationToken).ConfigureAwait(false);
            }
            catch (ForgeBudgetExceededException deferred)
            {
                ForgeDeferral.Note(logger, metrics, Name, $"forge:{target.Forge}:{target.Target}", deferred);
                continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ReconcileLog.ObserveFailed(logger, $"forge:{target.Forge}:{target.Target}", ErrorText.Describe(ex));
                continue;
            }

            foreach (var runner in runners.Where(r => r.Name.StartsWith(InstanceNames.Prefix, StringComparison.Ordinal)))
            {
                var row = await store.GetInstanceAsync(runner.Name, cancellationToken).ConfigureAwait(false);
                if (row is not null ? row.State != InstanceState.Deleted : !IsOursWithoutRow(runner))
                {
                    continue;
                }

                var key = (target.Forge, target.Target.ToString(), runner.Id);
                stillOrphaned.Add(key);
                if (!_firstSeen.TryGetValue(key, out var first))
                {
                    _firstSeen[key] = now;
                    continue;
                }

                if (now - first < options.Loops.ForgeOrphanGrace)
                {
                    continue;
                }

                try
                {
                    if (!await actuator.TryRemoveOrphanRegistrationAsync(target.Forge, target.Target, runner.Id, cancellationToken).ConfigureAwait(false))
                    {
                        metrics.LoopAction(Name, "kept_busy");
                        continue;
                    }

                    ReconcileLog.ForgeOrphanRemoved(logger, target.Forge, target.Target.ToString(), runner.Name, runner.Id);
                    metrics.OrphanRemoved("forge");
                    metrics.LoopAction(Name, "removed");
                    stillOrphaned.Remove(key);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    ReconcileLog.ObserveFailed(logger, $"forge-orphan:{target.Forge}:{runner.Name}", ErrorText.Describe(ex));
                }
            }
        }

        foreach (var key in _firstSeen.Keys.Where(k => !stillOrphaned.Contains(k)).ToList())
        {
            _firstSeen.Remove(key);
        }
    }

    private bool IsOursWithoutRow(ForgeRunner runner) =>
        _tagged.IsMatch(runner.Name) || (!runner.Online && _legacy.IsMatch(runner.Name));
}
