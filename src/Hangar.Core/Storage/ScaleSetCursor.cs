namespace Hangar.Core.Storage;

/// <summary>
/// Where a scale-set listener stands, kept per forge and pool: the scale set's id, the last message handled (so a restart
/// does not handle it again) and the latest statistics (the pool's demand comes from them).
/// </summary>
public sealed record ScaleSetCursor
{
    public required string Forge { get; init; }

    public required string Pool { get; init; }

    public required long ScaleSetId { get; init; }

    public long LastMessageId { get; init; }

    /// <summary><c>totalAssignedJobs</c> of the latest statistics: jobs waiting for and running on the scale set.</summary>
    public int AssignedJobs { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
