using Hangar.Core.Jobs;

namespace Hangar.Core.Forges;

public sealed record ForgeJob(long Id, JobStatus Status, string? RunnerName, long? RunnerId, string? Conclusion, IReadOnlyList<string> Labels)
{
    /// <summary>The workflow run the job belongs to, when the forge said.</summary>
    public long? RunId { get; init; }

    /// <summary>The job's name, when the forge said.</summary>
    public string? Name { get; init; }

    /// <summary>When the forge created (queued) the job, when it said.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
