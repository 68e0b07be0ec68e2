using System.Diagnostics;
using Hangar.Core.Demand;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Core.Telemetry;
using Hangar.Engine.Demand;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Intake;

/// <summary>The demand seam's sink: every source's events end here. Intake only stores and nudges: everything else is
/// derived from the stored state by the loops.</summary>
internal sealed class JobIntake(IStore store, QueueTimes queueTimes, ConvergeSignal signal, EngineMetrics metrics, TimeProvider time, ILogger<JobIntake> logger) : IJobEventSink
{
    public async Task<JobEventOutcome> SubmitAsync(JobEvent jobEvent, CancellationToken cancellationToken = default)
    {
        using var span = JobTrace.StartEvent(SpanName(jobEvent.Status), ActivityKind.Internal, jobEvent, Activity.Current?.Context ?? default);
        var started = jobEvent.Status == JobStatus.InProgress ? await queueTimes.BeforeAsync(jobEvent, cancellationToken).ConfigureAwait(false) : null;
        var outcome = await store.RecordJobEventAsync(jobEvent, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        span?.SetTag("hangar.outcome", outcome.ToString().ToLowerInvariant());
        if (outcome is JobEventOutcome.Created or JobEventOutcome.Updated && jobEvent.Status == JobStatus.Completed)
        {
            JobTrace.EmitJobSpan(jobEvent.Key, jobEvent.CreatedAt ?? time.GetUtcNow(), time.GetUtcNow(), jobEvent.Conclusion);
        }

        DemandLog.JobEventStored(logger, jobEvent.Forge, jobEvent.JobId, jobEvent.Attempt, jobEvent.Status, outcome);
        metrics.JobEvent(outcome.ToString());
        if (outcome is JobEventOutcome.Created or JobEventOutcome.Updated)
        {
            signal.Nudge();
            if (started is { } first)
            {
                await queueTimes.RecordAsync(first, cancellationToken).ConfigureAwait(false);
            }
        }

        return outcome;
    }

    /// <summary>The trace's names for the job's steps: stored (queued, waiting), started, completed.</summary>
    private static string SpanName(JobStatus status) => status switch
    {
        JobStatus.InProgress => "job.started",
        JobStatus.Completed => "job.completed",
        _ => "job.stored",
    };
}
