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

    /// <summary>The attempt, for forges that re-run a job under the same id (see <see cref="JobKey"/>); 0 on GitHub.</summary>
    public long Attempt { get; init; }
}
