using Hangar.Core.Demand;
using Hangar.Core.Forges;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Covers lost webhooks of known jobs. Queued and in-progress jobs not updated for <see cref="ReconcileOptions.StaleJobAfter"/>
/// are looked up at the forge, and what the forge says goes back through the <see cref="IJobEventSink"/> without a
/// delivery id, so the forward-only rules apply exactly as to a webhook. Jobs no webhook ever announced are found by a
/// demand source, <see cref="Demand.QueuedJobsSweep"/>.
/// </summary>
internal sealed class StaleJobsPass(
    IStore store,
    ForgeSet forges,
    IJobEventSink sink,
    EngineMetrics metrics,
    EngineOptions options,
    TimeProvider time,
    ILogger<StaleJobsPass> logger) : IReconcilePass
{
    public string Name => LoopNames.StaleJobs;

    public TimeSpan Interval => options.Loops.StaleJobsInterval;

    private readonly Dictionary<JobKey, DateTimeOffset> _lastChecked = [];

    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var after = options.Loops.StaleJobAfter;
        var open = await store.ListJobsAsync(new JobQuery { Statuses = [JobStatus.Queued, JobStatus.InProgress] }, ct).ConfigureAwait(false);
        var openKeys = open.Select(j => new JobKey(j.Forge, j.Id)).ToHashSet();
        foreach (var key in _lastChecked.Keys.Where(k => !openKeys.Contains(k)).ToList())
        {
            _lastChecked.Remove(key);
        }

        var stale = open
            .Where(j => now - j.UpdatedAt >= after)
            .Where(j => !_lastChecked.TryGetValue(new JobKey(j.Forge, j.Id), out var checkedAt) || now - checkedAt >= after)
            .OrderBy(j => j.UpdatedAt)
            .Take(options.Loops.StaleJobsPerPass);
        foreach (var job in stale)
        {
            var key = new JobKey(job.Forge, job.Id);
            ForgeJob? found;
            try
            {
                found = await forges.Get(job.Forge).GetJobAsync(job.Repository, job.Id, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ReconcileLog.ObserveFailed(logger, $"job:{key}", ErrorText.Describe(ex));
                continue;
            }

            _lastChecked[key] = now;
            if (found is null)
            {
                metrics.LoopAction(Name, "unknown_at_forge");
                ReconcileLog.StaleJobUnknown(logger, job.Forge, job.Id);
                continue;
            }

            var outcome = await sink.SubmitAsync(ForgeJobEvents.From(job.Forge, job.Repository, job.Owner, job.Enterprise, found, job.Labels), ct).ConfigureAwait(false);
            metrics.LoopAction(Name, "rechecked");
            if (outcome is JobEventOutcome.Updated)
            {
                metrics.LoopAction(Name, "advanced");
                ReconcileLog.StaleJobAdvanced(logger, job.Forge, job.Id, job.Status, found.Status);
            }
        }
    }
}
