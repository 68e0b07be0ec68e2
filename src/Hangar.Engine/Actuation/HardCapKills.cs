using System.Globalization;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>
/// A runner killed at its hard cap (<c>ttl + max_job_duration</c>) dies with its job, so the kill is made visible
/// twice: the instance's history carries <see cref="Reason"/> (its move to draining), and each job the store has it
/// running is marked killed by Hangar (<see cref="IStore.MarkJobKilledAsync"/>, shown by the jobs API).
/// </summary>
internal sealed class HardCapKills(IStore store, TimeProvider time, ILogger<HardCapKills> logger)
{
    public static string Reason(PoolSpec? pool) => pool is null
        ? "killed at hard cap: still running a job"
        : string.Create(
            CultureInfo.InvariantCulture,
            $"killed at hard cap: still running a job at ttl ({Hours(pool.Ttl)}) + max_job_duration ({Hours(pool.MaxJobDuration)})");

    /// <summary>The history's words for an operator's forced removal, which is killed like a hard cap.</summary>
    public static string OperatorReason(string operatorName) => $"killed by operator {operatorName}: removal forced";

    /// <summary>
    /// Marks the jobs the runner is running as killed (<paramref name="why"/>, the hard cap's by default); before the
    /// runner is touched, so a crash repeats it.
    /// </summary>
    public async Task RecordAsync(Instance instance, PoolSpec? pool, CancellationToken ct, string? why = null)
    {
        var running = await store.ListJobsAsync(
            new JobQuery { Statuses = [JobStatus.InProgress], RunnerNames = [instance.Name] }, ct).ConfigureAwait(false);
        why ??= Reason(pool);
        var reason = $"{why}; runner {instance.Name} destroyed";
        foreach (var job in running)
        {
            await store.MarkJobKilledAsync(job.Key, reason, time.GetUtcNow(), ct).ConfigureAwait(false);
        }

        var jobs = running.Count == 0 ? "unknown" : string.Join(",", running.Select(j => j.Id.ToString(CultureInfo.InvariantCulture)));
        ActuationLog.KilledAtHardCap(logger, instance.Name, jobs, why);
    }

    private static string Hours(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.##}h");
}
