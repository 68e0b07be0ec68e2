using Hangar.Core.Demand;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Engine.Demand;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Intake;

/// <summary>The demand seam's sink: every source's events end here. Intake only stores and nudges: everything else is
/// derived from the stored state by the loops.</summary>
internal sealed class JobIntake(IStore store, QueueTimes queueTimes, ConvergeSignal signal, EngineMetrics metrics, TimeProvider time, ILogger<JobIntake> logger) : IJobEventSink
{
    public async Task<JobEventOutcome> SubmitAsync(JobEvent jobEvent, CancellationToken cancellationToken = default)
    {
        var started = jobEvent.Status == JobStatus.InProgress ? await queueTimes.BeforeAsync(jobEvent, cancellationToken).ConfigureAwait(false) : null;
        var outcome = await store.RecordJobEventAsync(jobEvent, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
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
}
