namespace Hangar.Core.ScaleSets;

/// <summary>A job message (actions/scaleset <c>types.go</c>). <see cref="RunnerRequestId"/> identifies the job request
/// throughout (acquire, start, completion).</summary>
public sealed record ScaleSetJobMessage
{
    public required ScaleSetJobMessageType Type { get; init; }

    public required long RunnerRequestId { get; init; }

    public string? RepositoryName { get; init; }

    public string? OwnerName { get; init; }

    public string? JobDisplayName { get; init; }

    public long? WorkflowRunId { get; init; }

    public IReadOnlyList<string> RequestLabels { get; init; } = [];

    public DateTimeOffset? QueueTime { get; init; }

    public DateTimeOffset? ScaleSetAssignTime { get; init; }

    public DateTimeOffset? RunnerAssignTime { get; init; }

    public DateTimeOffset? FinishTime { get; init; }

    public long? RunnerId { get; init; }

    public string? RunnerName { get; init; }

    /// <summary><c>JobCompleted</c> only; <c>canceled</c> marks a reassignment.</summary>
    public string? Result { get; init; }
}
