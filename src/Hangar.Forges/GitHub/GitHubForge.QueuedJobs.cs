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
                if (GitHubJobStatus.Parse(job.Status) is { } parsed && parsed == Core.Jobs.JobStatus.Queued)
                {
                    jobs.Add(new ForgeJob(job.Id, parsed, job.RunnerName, job.RunnerId, job.Conclusion, job.Labels ?? [])
                    {
                        RunId = job.RunId ?? runId,
                        Name = job.Name,
                        CreatedAt = job.CreatedAt,
                    });
                }
            }
        }

        return jobs;
    }
}
