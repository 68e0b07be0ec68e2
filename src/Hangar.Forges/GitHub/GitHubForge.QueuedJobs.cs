using Hangar.Core.Pools;
using System.Globalization;
using Hangar.Core.Forges;
using Hangar.Forges.GitHub.Budget;

namespace Hangar.Forges.GitHub;

internal sealed partial class GitHubForge
{
    /// <summary>
    /// Queued jobs of a repository, found without webhooks: runs with status <c>queued</c> or <c>in_progress</c> (a run
    /// whose first job started is in progress while its other jobs still wait), then each run's latest jobs, keeping
    /// those still queued (reference section 3, "Reconciling missed webhooks").
    /// </summary>
    /// <remarks>A sweep: admitted by the request budget once per repository (paced, never cut in the middle), every GET
    /// conditional so an unchanged repository costs no quota.</remarks>
    public async Task<IReadOnlyList<ForgeJob>> ListQueuedJobsAsync(string repository, CancellationToken cancellationToken = default)
    {
        var target = ForgeTarget.Repository(repository);
        var listRuns = GitHubCall.Of(GitHubCallKind.ListRuns, conditional: true);
        var listJobs = GitHubCall.Of(GitHubCallKind.ListRunJobs, conditional: true);
        _client.Admit(listRuns, target, repository);
        var jobs = new List<ForgeJob>();
        var runIds = new HashSet<long>();
        foreach (var status in (string[])["queued", "in_progress"])
        {
            var first = _client.Resolve($"{GitHubPaths.Repository(repository)}/actions/runs?status={status}&per_page=100");
            var pages = await _client.GetPagesAsync(first, GitHubRunsJsonContext.Default.WorkflowRunListResponse, target, listRuns, cancellationToken).ConfigureAwait(false);
            runIds.UnionWith(pages.SelectMany(p => p.WorkflowRuns ?? []).Select(r => r.Id));
        }

        foreach (var runId in runIds)
        {
            var first = _client.Resolve($"{GitHubPaths.Repository(repository)}/actions/runs/{runId.ToString(CultureInfo.InvariantCulture)}/jobs?filter=latest&per_page=100");
            var pages = await _client.GetPagesAsync(first, GitHubRunsJsonContext.Default.WorkflowRunJobsResponse, target, listJobs, cancellationToken).ConfigureAwait(false);
            foreach (var job in pages.SelectMany(p => p.Jobs ?? []))
            {
                if (ToForgeJob(job, runId) is { Status: Core.Jobs.JobStatus.Queued } queued)
                {
                    jobs.Add(queued);
                }
            }
        }

        return jobs;
    }

    /// <summary>
    /// Every job of one run, all attempts (a scale-set job is looked up in its run, <see cref="Core.Jobs.RunJobMatch"/>);
    /// null when GitHub does not know the run. A look-up at the caller's priority, sent conditionally.
    /// </summary>
    public async Task<IReadOnlyList<ForgeJob>?> ListRunJobsAsync(string repository, long runId, CancellationToken cancellationToken = default)
    {
        var target = ForgeTarget.Repository(repository);
        var call = GitHubCall.Of(GitHubCallKind.FindRunJobs, conditional: true);
        var first = _client.Resolve($"{GitHubPaths.Repository(repository)}/actions/runs/{runId.ToString(CultureInfo.InvariantCulture)}/jobs?filter=all&per_page=100");
        _client.Admit(call, target, first.AbsolutePath);
        try
        {
            var pages = await _client.GetPagesAsync(first, GitHubRunsJsonContext.Default.WorkflowRunJobsResponse, target, call, cancellationToken).ConfigureAwait(false);
            return [.. pages.SelectMany(p => p.Jobs ?? []).Select(job => ToForgeJob(job, runId)).OfType<ForgeJob>()];
        }
        catch (ForgeException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>A run's job as Hangar sees it; null for a status Hangar does not know.</summary>
    private static ForgeJob? ToForgeJob(RunJobDto job, long runId) => GitHubJobStatus.Parse(job.Status) is { } status
        ? new ForgeJob(job.Id, status, job.RunnerName, job.RunnerId, job.Conclusion, job.Labels ?? [])
        {
            RunId = job.RunId ?? runId,
            Name = job.Name,
            CreatedAt = job.CreatedAt,
        }
        : null;
}
