using Hangar.Core.Forges;

namespace Hangar.Core.Jobs;

/// <summary>
/// Which of a workflow run's jobs, as the forge's REST API lists them, is a job Hangar knows under another key (a
/// scale-set job, keyed by the Actions service's <c>runnerRequestId</c>): the one its runner ran once it started, else
/// the one of its name. Several of one name (attempts of a re-run, rarely two jobs named alike) give the least advanced,
/// so a job that may still be waiting is never closed on another's account; it is looked up again later.
/// </summary>
public static class RunJobMatch
{
    public static ForgeJob? Find(Job job, IReadOnlyList<ForgeJob> runJobs)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(runJobs);
        var byRunner = job.RunnerName is { } runner
            ? runJobs.Where(j => string.Equals(j.RunnerName, runner, StringComparison.Ordinal)).ToList()
            : [];

        // The REST API may not show the runner yet while the Actions service already said it started: fall back to the name.
        var candidates = byRunner.Count > 0 ? byRunner : runJobs.Where(j => j.Name is not null && string.Equals(j.Name, job.Name, StringComparison.Ordinal));
        return candidates.OrderBy(j => (int)j.Status).FirstOrDefault();
    }
}
