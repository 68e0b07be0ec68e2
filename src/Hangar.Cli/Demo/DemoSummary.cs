using Hangar.Core.Instances;
using Hangar.Emulator.State;

namespace Hangar.Cli.Demo;

/// <summary>What <c>hangar demo</c> prints.</summary>
internal sealed record DemoSummary
{
    public required string Provider { get; init; }

    public required int JobsQueued { get; init; }

    public required int JobsCompleted { get; init; }

    /// <summary>Jobs the server's store shows completed (it must agree with the forge).</summary>
    public required int JobsCompletedInStore { get; init; }

    public required int RunnersCreated { get; init; }

    public required int RunnersDeleted { get; init; }

    /// <summary>Machines still at the provider plus store instances not deleted, after the run settled.</summary>
    public required int Leaked { get; init; }

    /// <summary>Jobs taken by a runner of a pool whose labels do not cover them.</summary>
    public required int WrongPool { get; init; }

    /// <summary>Runner registrations that took more than one job (must be 0: runners are one-job).</summary>
    public required int RunnersWithSeveralJobs { get; init; }

    public required double LatencyP50Ms { get; init; }

    public required double LatencyP99Ms { get; init; }

    public required double ElapsedSeconds { get; init; }

    public required bool TimedOut { get; init; }

    public bool Success => !TimedOut && JobsCompleted == JobsQueued && JobsCompletedInStore == JobsQueued && Leaked == 0 && WrongPool == 0 && RunnersWithSeveralJobs == 0;

    public static DemoSummary From(DemoOutcome outcome)
    {
        var jobs = outcome.Jobs;
        var latencies = jobs.Where(j => j.StartedAt is not null)
            .Select(j => (j.StartedAt!.Value - j.QueuedAt).TotalMilliseconds)
            .Order()
            .ToArray();
        return new DemoSummary
        {
            Provider = outcome.Provider,
            JobsQueued = jobs.Count,
            JobsCompleted = jobs.Count(j => j.Status == EmulatedJobStatus.Completed),
            JobsCompletedInStore = outcome.JobsCompletedInStore,
            RunnersCreated = outcome.Instances.Count,
            RunnersDeleted = outcome.Instances.Count(i => i.State == InstanceState.Deleted),
            Leaked = outcome.MachinesLeft + outcome.Instances.Count(i => i.State != InstanceState.Deleted),
            WrongPool = jobs.Count(j => j.RunnerName is not null && !ServedByItsPool(j)),
            RunnersWithSeveralJobs = jobs.Where(j => j.RunnerId is not null).GroupBy(j => j.RunnerId).Count(g => g.Count() > 1),
            LatencyP50Ms = Percentile(latencies, 0.50),
            LatencyP99Ms = Percentile(latencies, 0.99),
            ElapsedSeconds = Math.Round(outcome.Elapsed.TotalSeconds, 1),
            TimedOut = outcome.TimedOut,
        };
    }

    private static bool ServedByItsPool(EmulatedJob job)
    {
        var pool = DemoScenario.PoolLabels.FirstOrDefault(p => job.RunnerName!.StartsWith($"hgr-{p.Key}-", StringComparison.Ordinal)).Value;
        return pool is not null && job.Labels.Where(l => l != "self-hosted").All(l => pool.Contains(l, StringComparer.OrdinalIgnoreCase));
    }

    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return Math.Round(sorted[Math.Clamp(index, 0, sorted.Length - 1)], 1);
    }
}
