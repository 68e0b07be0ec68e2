using Hangar.Engine;

namespace Hangar.Configuration.Loading;

/// <summary><c>server.loops</c>: one mapping per reconciler loop, each with its <c>interval</c> and its own thresholds.</summary>
internal static class LoopsSection
{
    public static readonly string[] Keys =
    [
        "converge", "runner_status", "reaper", "store_ghosts", "provider_orphans", "forge_orphans", "stale_jobs", "create_retry",
        "retention", "runner_groups",
    ];

    /// <summary>Completed jobs of the last day are still matched to their runners and name the repositories swept.</summary>
    private static readonly TimeSpan MinRetention = TimeSpan.FromDays(1);

    private static readonly string[] IntervalOnly = ["interval"];

    /// <summary>Reads the loops; <paramref name="converge"/> and <paramref name="runnerStatus"/> come back changed when set here.</summary>
    public static ReconcileOptions Read(MappingReader? loops, ref TimeSpan converge, ref TimeSpan runnerStatus)
    {
        var defaults = new ReconcileOptions();
        if (loops is null)
        {
            return defaults;
        }

        converge = Interval(loops.Mapping("converge", IntervalOnly)) ?? converge;
        runnerStatus = Interval(loops.Mapping("runner_status", IntervalOnly)) ?? runnerStatus;

        var forgeOrphans = loops.Mapping("forge_orphans", ["interval", "grace"]);
        var staleJobs = loops.Mapping("stale_jobs", ["interval", "after", "per_pass", "sweep_queued_runs", "close_unknown_after"]);
        var retention = loops.Mapping("retention", ["interval", "keep", "batch"]);
        var createRetry = loops.Mapping("create_retry", ["interval", "max_attempts", "delay", "max_delay", "breaker_failures", "breaker_delay", "breaker_max_delay"]);
        var retry = defaults.CreateRetry;
        var breaker = defaults.CreateBreaker;
        return new ReconcileOptions
        {
            ReaperInterval = Interval(loops.Mapping("reaper", IntervalOnly)) ?? defaults.ReaperInterval,
            StoreGhostsInterval = Interval(loops.Mapping("store_ghosts", IntervalOnly)) ?? defaults.StoreGhostsInterval,
            ProviderOrphansInterval = Interval(loops.Mapping("provider_orphans", IntervalOnly)) ?? defaults.ProviderOrphansInterval,
            ForgeOrphansInterval = Interval(forgeOrphans) ?? defaults.ForgeOrphansInterval,
            ForgeOrphanGrace = forgeOrphans?.Duration("grace", allowZero: true) ?? defaults.ForgeOrphanGrace,
            StaleJobsInterval = Interval(staleJobs) ?? defaults.StaleJobsInterval,
            StaleJobAfter = staleJobs?.Duration("after") ?? defaults.StaleJobAfter,
            StaleJobsPerPass = (int?)staleJobs?.Integer("per_pass", min: 1, max: 10_000) ?? defaults.StaleJobsPerPass,
            SweepQueuedRuns = staleJobs?.Boolean("sweep_queued_runs") ?? defaults.SweepQueuedRuns,
            CloseUnknownJobsAfter = (int?)staleJobs?.Integer("close_unknown_after", min: 1, max: 100) ?? defaults.CloseUnknownJobsAfter,
            CreateRetryInterval = Interval(createRetry) ?? defaults.CreateRetryInterval,
            CreateRetry = retry with
            {
                MaxAttempts = (int?)createRetry?.Integer("max_attempts", min: 1, max: 100) ?? retry.MaxAttempts,
                Delay = createRetry?.Duration("delay") ?? retry.Delay,
                MaxDelay = createRetry?.Duration("max_delay") ?? retry.MaxDelay,
            },
            RetentionInterval = Interval(retention) ?? defaults.RetentionInterval,
            RunnerGroupsInterval = Interval(loops.Mapping("runner_groups", IntervalOnly)) ?? defaults.RunnerGroupsInterval,
            Retention = Keep(retention) ?? defaults.Retention,
            RetentionBatch = (int?)retention?.Integer("batch", min: 1, max: 100_000) ?? defaults.RetentionBatch,
            CreateBreaker = breaker with
            {
                Failures = (int?)createRetry?.Integer("breaker_failures", min: 1, max: 1000) ?? breaker.Failures,
                Delay = createRetry?.Duration("breaker_delay") ?? breaker.Delay,
                MaxDelay = createRetry?.Duration("breaker_max_delay") ?? breaker.MaxDelay,
            },
        };
    }

    private static TimeSpan? Interval(MappingReader? loop) => loop?.Duration("interval");

    private static TimeSpan? Keep(MappingReader? retention)
    {
        if (retention?.Duration("keep") is not { } keep)
        {
            return null;
        }

        if (keep < MinRetention)
        {
            retention.Context.Error(retention.Node("keep")!.Start, $"{retention.At("keep")}: must be at least 1d (completed jobs of the last day are still matched to their runners)");
            return null;
        }

        return keep;
    }
}
