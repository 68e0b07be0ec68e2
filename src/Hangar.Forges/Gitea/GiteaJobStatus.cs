using Hangar.Core.Jobs;

namespace Hangar.Forges.Gitea;

/// <summary>
/// Gitea's job states in its GitHub-style vocabulary (webhook <c>action</c>/<c>status</c> and jobs API): Gitea's
/// internal "waiting" is <c>queued</c> (demand), its "blocked" is <c>waiting</c>; the final states may also arrive under
/// their own names.
/// </summary>
internal static class GiteaJobStatus
{
    public static JobStatus? Parse(string? status) => status switch
    {
        "queued" => JobStatus.Queued,
        "waiting" or "pending" or "blocked" => JobStatus.Waiting,
        "in_progress" or "running" => JobStatus.InProgress,
        "completed" or "success" or "failure" or "cancelled" or "skipped" => JobStatus.Completed,
        _ => null,
    };
}
