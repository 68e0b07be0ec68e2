namespace Hangar.Core.Operators;

/// <summary>
/// An operator asked for a runner to go. Without <see cref="Force"/> it is drained: a runner without a job is retired
/// (the forge asked first, as for any retirement), a busy one takes no new job (runners are ephemeral) and is destroyed
/// when its job ends. With <see cref="Force"/> it is killed now, job and all, like a hard-cap kill.
/// </summary>
public sealed record RunnerRemoval
{
    public required string Instance { get; init; }

    public required bool Force { get; init; }

    public required string RequestedBy { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>The line the request adds to the runner's history.</summary>
    public string Note => Force
        ? $"removal forced by {RequestedBy}: killed now, job and all"
        : $"removal requested by {RequestedBy}: takes no new job, destroyed when it has none";
}
