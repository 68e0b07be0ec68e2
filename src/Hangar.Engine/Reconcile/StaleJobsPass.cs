using Hangar.Core.Forges;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Covers lost webhooks of known jobs. Open jobs (waiting for an approval, queued, in progress) neither updated nor looked
/// up for <see cref="ReconcileOptions.StaleJobAfter"/> are looked up at the forge, longest quiet first, and what the forge
/// says goes back through the job event sink without a delivery id (<see cref="JobRecheck"/>), so the forward-only rules apply exactly
/// as to a webhook: a waiting job whose <c>queued</c> webhook was lost after its approval is queued and served. Every
/// look-up is stored (<see cref="IStore.RecordJobChecksAsync"/>): it sends the job to the back of the line, and a job the
/// forge no longer knows is closed after <see cref="ReconcileOptions.CloseUnknownJobsAfter"/> such answers in a row
/// instead of being looked up for ever. Jobs no webhook ever announced are found by a demand source,
/// <see cref="Demand.QueuedJobsSweep"/>.
/// </summary>
internal sealed class StaleJobsPass(
    IStore store,
    JobRecheck recheck,
    EngineMetrics metrics,
    EngineOptions options,
    TimeProvider time,
    ILogger<StaleJobsPass> logger) : IReconcilePass
{
    public string Name => LoopNames.StaleJobs;

    public TimeSpan Interval => options.Loops.StaleJobsInterval;

    public async Task RunAsync(CancellationToken ct)
    {
        var loops = options.Loops;
        var now = time.GetUtcNow();
        var due = await store.ListJobsToCheckAsync(now - loops.StaleJobAfter, loops.StaleJobsPerPass, ct).ConfigureAwait(false);
        var checks = new List<JobCheck>(due.Count);
        foreach (var job in due)
        {
            if (await CheckAsync(job, ct).ConfigureAwait(false) is { } check)
            {
                checks.Add(check);
            }
        }

        var closed = await store.RecordJobChecksAsync(checks, loops.CloseUnknownJobsAfter, now, ct).ConfigureAwait(false);
        var before = due.ToDictionary(j => j.Key);
        foreach (var job in closed)
        {
            metrics.LoopAction(Name, "closed_unknown");
            ReconcileLog.UnknownJobClosed(logger, job.Forge, job.Id, job.Repository, before[job.Key].Status, job.CloseReason!);
        }
    }

    /// <summary>Looks one job up and submits what the forge said; null when the forge could not be asked (the job stays
    /// due and is asked again next pass).</summary>
    private async Task<JobCheck?> CheckAsync(Job job, CancellationToken ct)
    {
        ForgeJob? found;
        JobEventOutcome? outcome;
        try
        {
            (found, outcome) = await recheck.LookUpAsync(job, ct).ConfigureAwait(false);
        }
        catch (ForgeBudgetExceededException deferred)
        {
            ForgeDeferral.Note(logger, metrics, Name, $"job:{job.Key}", deferred);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ReconcileLog.ObserveFailed(logger, $"job:{job.Key}", ErrorText.Describe(ex));
            return null;
        }

        if (found is null)
        {
            metrics.LoopAction(Name, "unknown_at_forge");
            ReconcileLog.StaleJobUnknown(logger, job.Forge, job.Id, job.MissedChecks + 1);
            return new JobCheck(job.Key, Found: false);
        }

        metrics.LoopAction(Name, "rechecked");
        if (outcome is JobEventOutcome.Updated)
        {
            metrics.LoopAction(Name, "advanced");
            ReconcileLog.StaleJobAdvanced(logger, job.Forge, job.Id, job.Status, found.Status);
        }

        return new JobCheck(job.Key, Found: true);
    }
}
