using Hangar.Core.Demand;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;
using Hangar.Core.ScaleSets;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Demand;

/// <summary>
/// Handles one scale-set message: what it says about jobs is stored first (storing changes nothing outside and is
/// idempotent, so a redelivered message is harmless), then the message is acknowledged, and only then are jobs acquired
/// and the cursor (last message, assigned jobs) saved. A crash before the ack means the message comes again; a crash after
/// it loses nothing: the stored queued jobs are acquired again when the next session opens (<see cref="ReacquireAsync"/>)
/// and the statistics are absolute. Runners are never made here: the planner reads the assigned jobs from the cursor.
/// </summary>
internal sealed class ScaleSetMessageHandler(IStore store, ConvergeSignal signal, ScaleSetMetrics metrics, TimeProvider time, ILogger logger)
{
    public async Task HandleAsync(IScaleSetService service, PoolSpec pool, ScaleSetSession session, ScaleSetMessage message, long lastMessageId, IJobEventSink sink, string source, CancellationToken ct)
    {
        // The new counts first: every job event below wakes the planner, which must not pair a runner freed by a
        // completion with the count from before it (that would make a runner nobody needs).
        await SaveCursorAsync(pool, session.ScaleSetId, lastMessageId, message.Statistics, ct).ConfigureAwait(false);
        var available = new List<long>();
        foreach (var job in message.Jobs)
        {
            if (EventOf(pool, job) is { } jobEvent)
            {
                await sink.SubmitAsync(jobEvent, ct).ConfigureAwait(false);
                if (jobEvent.Status == JobStatus.Queued)
                {
                    // Pinned to the scale set's pool: GitHub assigned it to this set, whatever other pools' labels say.
                    await store.SetJobRouteAsync(jobEvent.Key, pool.Name, null, time.GetUtcNow(), ct).ConfigureAwait(false);
                }
            }

            if (job.Type == ScaleSetJobMessageType.JobAvailable)
            {
                available.Add(job.RunnerRequestId);
            }

            if (job is { Type: ScaleSetJobMessageType.JobStarted, RunnerAssignTime: { } assigned, ScaleSetAssignTime: { } offered })
            {
                metrics.JobStartup(pool.Name, assigned - offered);
            }
        }

        await service.AcknowledgeAsync(session, message.MessageId, ct).ConfigureAwait(false);
        metrics.Message(pool.Name);
        var acquired = available.Count == 0 ? 0 : await AcquireAsync(service, pool, session, available, ct).ConfigureAwait(false);
        await SaveCursorAsync(pool, session.ScaleSetId, message.MessageId, message.Statistics, ct).ConfigureAwait(false);
        DemandLog.ScaleSetMessageHandled(logger, source, message.MessageId, message.Jobs.Count, acquired, message.Statistics.TotalAssignedJobs);
    }

    /// <summary>Acquires the pool's stored queued jobs again: a crash between an ack and its acquire must not strand them.
    /// Jobs acquired already are simply not in the answer.</summary>
    public async Task ReacquireAsync(IScaleSetService service, PoolSpec pool, ScaleSetSession session, string source, CancellationToken ct)
    {
        var queued = await store.ListJobsAsync(new JobQuery { Statuses = [JobStatus.Queued], Pool = pool.Name, Limit = 1_000 }, ct).ConfigureAwait(false);
        var ids = queued.Where(j => string.Equals(j.Forge, pool.Forge, StringComparison.Ordinal)).Select(j => j.Id).ToList();
        if (ids.Count > 0)
        {
            DemandLog.ScaleSetJobsReacquired(logger, source, ids.Count, await AcquireAsync(service, pool, session, ids, ct).ConfigureAwait(false));
        }
    }

    /// <summary>Keeps the message id where it was and takes the statistics (a new session's, or an answer without message).</summary>
    public async Task SaveStatisticsAsync(PoolSpec pool, long scaleSetId, long lastMessageId, ScaleSetStatistics statistics, CancellationToken ct) =>
        await SaveCursorAsync(pool, scaleSetId, lastMessageId, statistics, ct).ConfigureAwait(false);

    private async Task<int> AcquireAsync(IScaleSetService service, PoolSpec pool, ScaleSetSession session, IReadOnlyList<long> ids, CancellationToken ct)
    {
        var acquired = await service.AcquireJobsAsync(session, ids, ct).ConfigureAwait(false);
        metrics.Acquire(pool.Name, acquired.Count);
        return acquired.Count;
    }

    private async Task SaveCursorAsync(PoolSpec pool, long scaleSetId, long lastMessageId, ScaleSetStatistics statistics, CancellationToken ct)
    {
        await store.SaveScaleSetCursorAsync(
            new ScaleSetCursor
            {
                Forge = pool.Forge,
                Pool = pool.Name,
                ScaleSetId = scaleSetId,
                LastMessageId = lastMessageId,
                AssignedJobs = statistics.TotalAssignedJobs,
                UpdatedAt = time.GetUtcNow(),
            },
            ct).ConfigureAwait(false);
        signal.Nudge();
    }

    /// <summary>A job message as a job event of the pool's forge, keyed by its <c>runnerRequestId</c>; carrying the pool's
    /// labels, which are the scale set's. <c>JobAssigned</c> is the same fact as <c>JobAvailable</c> (queued), in case that
    /// one was missed.</summary>
    internal static JobEvent? EventOf(PoolSpec pool, ScaleSetJobMessage job)
    {
        var status = job.Type switch
        {
            ScaleSetJobMessageType.JobAvailable or ScaleSetJobMessageType.JobAssigned => JobStatus.Queued,
            ScaleSetJobMessageType.JobStarted => JobStatus.InProgress,
            ScaleSetJobMessageType.JobCompleted => JobStatus.Completed,
            _ => (JobStatus?)null,
        };
        if (status is null || job.RunnerRequestId <= 0)
        {
            return null;
        }

        var owner = job.OwnerName ?? "";
        return new JobEvent
        {
            Forge = pool.Forge,
            JobId = job.RunnerRequestId,
            Status = status.Value,
            Repository = $"{owner}/{job.RepositoryName}",
            Owner = owner,
            Enterprise = pool.Target.Scope == TargetScope.Enterprise ? pool.Target.Name : null,
            Labels = pool.Labels,
            RunId = job.WorkflowRunId,
            Name = job.JobDisplayName,
            RunnerName = job.RunnerName,
            RunnerId = job.RunnerId,
            Conclusion = status == JobStatus.Completed ? Conclusion(job.Result) : null,
            CreatedAt = job.QueueTime,
        };
    }

    /// <summary>The Actions service's result words as the REST API's conclusions.</summary>
    private static string? Conclusion(string? result) => result?.ToLowerInvariant() switch
    {
        null => null,
        "succeeded" => "success",
        "failed" => "failure",
        "canceled" => "cancelled",
        var other => other,
    };
}
