using System.Text.RegularExpressions;
using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Core.Storage;
using Hangar.Engine.Provisioning;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Removes runner registrations that are Hangar's (named <c>hgr-{pool}-…</c> for one of our pools, or named as an
/// instance the store knows) but have no live instance: left behind when a deregistration failed, or by a crash
/// between minting a credential and storing the outcome. The instance row is written before a credential is minted,
/// and the rows are read after the forge's list, so a registration of a pending or provisioning instance always has
/// a live row and is never taken for an orphan. A registration must also look orphaned for a grace period, across
/// passes, before it is removed; a busy one is left alone (the forge refuses, and its job is not ours to cut).
/// </summary>
public sealed class ForgeOrphansPass(
    IStore store,
    PoolCatalog pools,
    ForgeSet forges,
    EngineMetrics metrics,
    EngineOptions options,
    TimeProvider time,
    ILogger<ForgeOrphansPass> logger)
{
    public const string LoopName = "forge-orphans";

    private readonly Regex _ours = new(
        "^" + Regex.Escape(InstanceNames.Prefix) + "(" + string.Join("|", pools.All.Select(p => Regex.Escape(p.Name))) + ")-[a-z2-7]{10}$",
        RegexOptions.CultureInvariant);

    private readonly Dictionary<(string Forge, string Target, long Id), DateTimeOffset> _firstSeen = [];

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
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                EngineLog.ObserveFailed(logger, $"forge:{target.Forge}:{target.Target}", Provisioner.Describe(ex));
                continue;
            }

            foreach (var runner in runners.Where(r => r.Name.StartsWith(InstanceNames.Prefix, StringComparison.Ordinal)))
            {
                var row = await store.GetInstanceAsync(runner.Name, cancellationToken).ConfigureAwait(false);
                if (row is not null ? row.State != InstanceState.Deleted : !_ours.IsMatch(runner.Name))
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
                    await forge.RemoveRunnerAsync(target.Target, runner.Id, cancellationToken).ConfigureAwait(false);
                    EngineLog.ForgeOrphanRemoved(logger, target.Forge, target.Target.ToString(), runner.Name, runner.Id);
                    metrics.OrphanRemoved("forge");
                    metrics.LoopAction(LoopName, "removed");
                    stillOrphaned.Remove(key);
                }
                catch (RunnerBusyException)
                {
                    metrics.LoopAction(LoopName, "kept_busy");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    EngineLog.ObserveFailed(logger, $"forge-orphan:{target.Forge}:{runner.Name}", Provisioner.Describe(ex));
                }
            }
        }

        foreach (var key in _firstSeen.Keys.Where(k => !stillOrphaned.Contains(k)).ToList())
        {
            _firstSeen.Remove(key);
        }
    }
}
