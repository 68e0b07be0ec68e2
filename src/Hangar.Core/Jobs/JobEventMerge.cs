namespace Hangar.Core.Jobs;

/// <summary>
/// The forward-only job rule: how one event changes a stored job, applied by every store inside its intake transaction
/// so all backends agree exactly. A job only moves forward, and an event at the status already stored counts only when
/// it fills a gap. The rule is per <see cref="JobKey"/>: a re-run under the same forge id is another attempt, so
/// another job, and never a move back.
/// </summary>
public static class JobEventMerge
{
    public static Job Create(JobEvent jobEvent, DateTimeOffset now) => new()
    {
        Forge = jobEvent.Forge,
        Id = jobEvent.JobId,
        Attempt = jobEvent.Attempt,
        Status = jobEvent.Status,
        Repository = jobEvent.Repository,
        Owner = jobEvent.Owner,
        Enterprise = jobEvent.Enterprise,
        Labels = jobEvent.Labels,
        RunId = jobEvent.RunId,
        Name = jobEvent.Name,
        RunnerName = jobEvent.RunnerName,
        RunnerId = jobEvent.RunnerId,
        Conclusion = jobEvent.Conclusion,
        ReceivedAt = now,
        QueuedAt = jobEvent.CreatedAt ?? now,
        StartedAt = jobEvent.Status == JobStatus.InProgress ? now : null,
        CompletedAt = jobEvent.Status == JobStatus.Completed ? now : null,
        UpdatedAt = now,
    };

    /// <summary>The job after <paramref name="jobEvent"/>, or null when the event is stale (older, or tells nothing new).</summary>
    /// <exception cref="ArgumentException">The event is about another job (another key).</exception>
    public static Job? Merge(Job stored, JobEvent jobEvent, DateTimeOffset now)
    {
        if (stored.Key != jobEvent.Key)
        {
            throw new ArgumentException($"event for job {jobEvent.Key} merged into job {stored.Key}", nameof(jobEvent));
        }

        if (jobEvent.Status < stored.Status)
        {
            return null;
        }

        var forward = jobEvent.Status > stored.Status;
        if (!forward && !FillsGap(stored, jobEvent))
        {
            return null;
        }

        return stored with
        {
            Status = jobEvent.Status,
            Owner = stored.Owner ?? jobEvent.Owner,
            Enterprise = stored.Enterprise ?? jobEvent.Enterprise,
            RunId = stored.RunId ?? jobEvent.RunId,
            Name = stored.Name ?? jobEvent.Name,
            Labels = stored.Labels.Count == 0 && jobEvent.Labels.Count > 0 ? jobEvent.Labels : stored.Labels,
            // A later status is the newer word on who ran the job and how it ended; two events of one status can
            // arrive in either order, so at equal status the stored values stand and only gaps are filled.
            RunnerName = forward ? jobEvent.RunnerName ?? stored.RunnerName : stored.RunnerName ?? jobEvent.RunnerName,
            RunnerId = forward ? jobEvent.RunnerId ?? stored.RunnerId : stored.RunnerId ?? jobEvent.RunnerId,
            Conclusion = forward ? jobEvent.Conclusion ?? stored.Conclusion : stored.Conclusion ?? jobEvent.Conclusion,
            // A job waiting for an environment approval was not queued yet: its queue time starts at the approval,
            // otherwise a long approval would make a fresh job look stale to the planner.
            QueuedAt = stored.Status == JobStatus.Waiting && forward ? now : stored.QueuedAt,
            StartedAt = stored.StartedAt ?? (jobEvent.Status == JobStatus.InProgress ? now : null),
            CompletedAt = stored.CompletedAt ?? (jobEvent.Status == JobStatus.Completed ? now : null),
            UpdatedAt = now,
        };
    }

    private static bool FillsGap(Job stored, JobEvent jobEvent) =>
        (stored.RunnerName is null && jobEvent.RunnerName is not null)
        || (stored.RunnerId is null && jobEvent.RunnerId is not null)
        || (stored.Conclusion is null && jobEvent.Conclusion is not null)
        || (stored.Labels.Count == 0 && jobEvent.Labels.Count > 0)
        || (stored.Owner is null && jobEvent.Owner is not null)
        || (stored.Enterprise is null && jobEvent.Enterprise is not null)
        || (stored.RunId is null && jobEvent.RunId is not null)
        || (stored.Name is null && jobEvent.Name is not null);
}
