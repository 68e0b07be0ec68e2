namespace Hangar.Emulator.State;

/// <summary>A workflow job as the emulator knows it (a snapshot; the emulator replaces it as the job moves on).</summary>
public sealed record EmulatedJob
{
    public required long Id { get; init; }

    public required long RunId { get; init; }

    public int RunAttempt { get; init; } = 1;

    /// <summary><c>owner/name</c>.</summary>
    public required string Repository { get; init; }

    public required string Name { get; init; }

    public required string WorkflowName { get; init; }

    public required string HeadBranch { get; init; }

    public required string HeadSha { get; init; }

    public required IReadOnlyList<string> Labels { get; init; }

    public required TimeSpan Duration { get; init; }

    public EmulatedJobStatus Status { get; init; } = EmulatedJobStatus.Queued;

    public string? Conclusion { get; init; }

    public long? RunnerId { get; init; }

    public string? RunnerName { get; init; }

    public long? RunnerGroupId { get; init; }

    public string? RunnerGroupName { get; init; }

    public required DateTimeOffset QueuedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The runner scale set the job was assigned to, when one takes its labels (reference section 6).</summary>
    public long? ScaleSetId { get; init; }

    /// <summary>Set once a listener acquired it for its scale set; only then may a runner of that set take it.</summary>
    public bool Acquired { get; init; }

    /// <summary>The Actions service's own id of the job request (<c>runnerRequestId</c> in job messages).</summary>
    public long RunnerRequestId => Id;

    public string Owner => RunnerScope.OwnerOf(Repository);

    public string RepositoryName => Repository[(Repository.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
