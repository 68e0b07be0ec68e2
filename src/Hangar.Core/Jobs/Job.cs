namespace Hangar.Core.Jobs;

/// <summary>A job as Hangar knows it: the latest forward-only state of everything its events said.</summary>
public sealed record Job
{
    public required string Forge { get; init; }

    public required long Id { get; init; }

    /// <summary>Which attempt of the forge's job this is (see <see cref="JobKey"/>); 0 on GitHub.</summary>
    public long Attempt { get; init; }

    public required JobStatus Status { get; init; }

    public required string Repository { get; init; }

    public string? Owner { get; init; }

    public string? Enterprise { get; init; }

    public required IReadOnlyList<string> Labels { get; init; }

    public long? RunId { get; init; }

    public string? Name { get; init; }

    /// <summary>The pool routing chose, once it has.</summary>
    public string? Pool { get; init; }

    /// <summary>Why no pool can serve this job, when none can. Such jobs are shown, never dropped.</summary>
    public string? UnroutableReason { get; init; }

    public string? RunnerName { get; init; }

    public long? RunnerId { get; init; }

    public string? Conclusion { get; init; }

    /// <summary>When Hangar first heard of the job.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>When the job was queued at the forge (falls back to <see cref="ReceivedAt"/>).</summary>
    public required DateTimeOffset QueuedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the stale-jobs pass last looked the job up at the forge (see <see cref="JobCheckRule"/>).</summary>
    public DateTimeOffset? CheckedAt { get; init; }

    /// <summary>Look-ups in a row the forge answered "not found" (a found answer starts the count again).</summary>
    public int MissedChecks { get; init; }

    /// <summary>Why Hangar closed the job itself, when it did (the forge stopped knowing it). Such a job is
    /// <see cref="JobStatus.Completed"/> with no <see cref="Conclusion"/>: the forge never said how it ended.</summary>
    public string? CloseReason { get; init; }

    /// <summary>When Hangar killed the runner running this job (at the pool's hard cap, <c>ttl + max_job_duration</c>).</summary>
    public DateTimeOffset? KilledAt { get; init; }

    /// <summary>Why Hangar killed this job's runner, when it did; the forge then reports the job failed.</summary>
    public string? KilledReason { get; init; }

    public JobKey Key => new(Forge, Id, Attempt);

    public bool IsOpen => Status is JobStatus.Waiting or JobStatus.Queued or JobStatus.InProgress;
}
