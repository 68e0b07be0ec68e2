using System.Collections.Concurrent;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Engine;
using Hangar.Server.Api;

namespace Hangar.Server.Dashboard;

/// <summary>
/// Reads what the dashboard shows from the store, in a handful of bounded queries (every list has a limit, so a large
/// fleet costs the same per snapshot as a small one). Boot times come from each runner's history and never change once
/// the runner is up, so each is read once and kept.
/// </summary>
internal sealed class DashboardSnapshotBuilder(IStore store, PoolCatalog pools, CreateBreaker breaker, EngineOptions engine, DashboardWarnings warnings)
{
    private const int ListLimit = 50;
    private const int ChartPoints = 30;
    private const int KnownBootTimes = 5000;

    private readonly ConcurrentDictionary<string, double?> _bootSeconds = new(StringComparer.Ordinal);

    public async Task<DashboardSnapshot> BuildAsync(CancellationToken ct)
    {
        var names = pools.All.Select(p => p.Name).ToArray();
        var tallies = (await store.TallyPoolsAsync(names, ct).ConfigureAwait(false)).ToDictionary(t => t.Pool, StringComparer.Ordinal);
        var recentJobs = await store.ListJobsAsync(new JobQuery { Order = ListOrder.NewestFirst, Limit = 200 }, ct).ConfigureAwait(false);
        var waiting = await store.ListJobsAsync(new JobQuery { Statuses = [JobStatus.Waiting, JobStatus.Queued], Limit = ListLimit }, ct).ConfigureAwait(false);
        var unroutable = await store.ListJobsAsync(
            new JobQuery { Statuses = [JobStatus.Waiting, JobStatus.Queued], Routing = JobRouting.Unroutable, Limit = ListLimit }, ct).ConfigureAwait(false);
        var failed = await store.ListInstancesAsync(new InstanceQuery { WithErrorOnly = true, Order = ListOrder.NewestFirst, Limit = ListLimit }, ct).ConfigureAwait(false);
        var recentRunners = await store.ListInstancesAsync(new InstanceQuery { Order = ListOrder.NewestFirst, Limit = 200 }, ct).ConfigureAwait(false);
        await LearnBootTimesAsync(recentRunners, ct).ConfigureAwait(false);

        var poolViews = pools.All.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p =>
        {
            var tally = tallies.GetValueOrDefault(p.Name);
            var condition = breaker.Condition(p.Name);
            return new DashboardPool(
                p.Name, p.Provider, p.Enabled, p.MinIdle, p.MaxRunners, tally?.QueuedJobs ?? 0,
                tally?.Instances.ToDictionary(s => ApiNames.StateName(s.Key), s => s.Value) ?? [],
                condition.State.ToString().ToLowerInvariant(), condition.LastError,
                QueueSeconds(recentJobs, p.Name), BootSeconds(recentRunners, p.Name));
        }).ToArray();

        return new DashboardSnapshot(
            engine.ControllerId,
            poolViews,
            [.. waiting.Where(j => j.UnroutableReason is null).Select(ToView)],
            [.. unroutable.Select(ToView)],
            [.. recentJobs.Take(20).Select(ToView)],
            [.. failed.Select(i => new DashboardRunner(i.Name, i.Pool, ApiNames.StateName(i.State), i.Attempts, i.LastError, i.StateChangedAt))],
            [.. recentRunners.OrderByDescending(i => i.StateChangedAt).Take(30)
                .Select(i => new DashboardEvent(i.Name, i.Pool, ApiNames.StateName(i.State), i.LastReason, i.StateChangedAt))],
            warnings.Current);
    }

    private static double[] QueueSeconds(IReadOnlyList<Job> jobs, string pool) =>
        [.. jobs.Where(j => j.Pool == pool && j.StartedAt is not null)
            .OrderByDescending(j => j.StartedAt).Take(ChartPoints).Reverse()
            .Select(j => Math.Max(0, Math.Round((j.StartedAt!.Value - j.QueuedAt).TotalSeconds, 1)))];

    private double[] BootSeconds(IReadOnlyList<Instance> runners, string pool) =>
        [.. runners.Where(i => i.Pool == pool).OrderBy(i => i.CreatedAt).TakeLast(ChartPoints)
            .Select(i => _bootSeconds.GetValueOrDefault(i.Name)).OfType<double>()];

    /// <summary>Time from intent to up (idle, or busy when a job was taken at once), read from the history of runners that have come up since the last look.</summary>
    private async Task LearnBootTimesAsync(IReadOnlyList<Instance> runners, CancellationToken ct)
    {
        if (_bootSeconds.Count > KnownBootTimes)
        {
            _bootSeconds.Clear();
        }

        foreach (var runner in runners)
        {
            if (_bootSeconds.ContainsKey(runner.Name) || runner.State is InstanceState.Pending or InstanceState.Provisioning or InstanceState.Booting)
            {
                continue;
            }

            var history = await store.GetHistoryAsync(runner.Name, 50, ct).ConfigureAwait(false);
            var up = history.Where(t => t.To is InstanceState.Idle or InstanceState.Busy).Select(t => (DateTimeOffset?)t.At).Min();
            _bootSeconds[runner.Name] = up is { } at ? Math.Max(0, Math.Round((at - runner.CreatedAt).TotalSeconds, 1)) : null;
        }
    }

    private static DashboardJob ToView(Job j) => new(
        j.Forge, j.Id, j.Repository, ApiNames.StatusName(j.Status), j.Labels, j.Pool, j.RunnerName, j.UnroutableReason ?? j.KilledReason,
        j.Conclusion, j.QueuedAt, j.CompletedAt);
}
