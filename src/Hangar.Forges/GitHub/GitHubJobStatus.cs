using Hangar.Core.Jobs;

namespace Hangar.Forges.GitHub;

/// <summary>Maps a workflow job's <c>status</c> (REST) or a <c>workflow_job</c> <c>action</c> (webhook) to <see cref="JobStatus"/>.</summary>
internal static class GitHubJobStatus
{
    public static JobStatus? Parse(string? value) => value switch
    {
        "waiting" => JobStatus.Waiting,
        // The jobs API also reports "requested" and "pending" before a job is queued for a runner: still demand.
        "queued" or "requested" or "pending" => JobStatus.Queued,
        "in_progress" => JobStatus.InProgress,
        "completed" => JobStatus.Completed,
        _ => null,
    };
}
