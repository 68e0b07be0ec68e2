using System.Text.Json.Nodes;
using Hangar.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hangar.Emulator.Rest;

/// <summary>
/// <c>/repos/{owner}/{repo}/actions/runs[?status=]</c> and <c>.../runs/{run_id}/jobs</c>: how a client finds queued jobs
/// whose webhooks it never got. Every emulated job is its own workflow run, so a run's status is its job's.
/// </summary>
internal static class RunEndpoints
{
    public static void MapRunEndpoints(this RouteGroupBuilder api, EmulatorState state)
    {
        api.MapGet("/repos/{owner}/{repo}/actions/runs", (HttpContext context, string owner, string repo) =>
        {
            var repository = $"{owner}/{repo}";
            var status = context.Request.Query["status"].ToString();
            var runs = state.Jobs
                .Where(j => string.Equals(j.Repository, repository, StringComparison.OrdinalIgnoreCase))
                .Where(j => status.Length == 0 || GitHubJson.Status(j.Status) == status)
                .OrderByDescending(j => j.RunId)
                .ToList();
            var page = Pagination.Page(context, runs);
            return GitHubResults.Json(new JsonObject
            {
                ["total_count"] = runs.Count,
                ["workflow_runs"] = new JsonArray([.. page.Select(j => (JsonNode)Run(j, state.BaseUrl))]),
            });
        });

        api.MapGet("/repos/{owner}/{repo}/actions/runs/{runId:long}/jobs", (HttpContext context, string owner, string repo, long runId) =>
        {
            var jobs = state.Jobs
                .Where(j => j.RunId == runId && string.Equals(j.Repository, $"{owner}/{repo}", StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (jobs.Count == 0)
            {
                return GitHubResults.NotFound();
            }

            var page = Pagination.Page(context, jobs);
            return GitHubResults.Json(new JsonObject
            {
                ["total_count"] = jobs.Count,
                ["jobs"] = new JsonArray([.. page.Select(j => (JsonNode)GitHubJson.Job(j, state.BaseUrl))]),
            });
        });
    }

    private static JsonObject Run(EmulatedJob job, Uri baseUrl) => new()
    {
        ["id"] = job.RunId,
        ["name"] = job.WorkflowName,
        ["head_branch"] = job.HeadBranch,
        ["head_sha"] = job.HeadSha,
        ["run_attempt"] = job.RunAttempt,
        ["status"] = GitHubJson.Status(job.Status),
        ["conclusion"] = job.Conclusion,
        ["created_at"] = GitHubJson.Timestamp(job.QueuedAt),
        ["updated_at"] = GitHubJson.Timestamp(job.CompletedAt ?? job.StartedAt ?? job.QueuedAt),
        ["url"] = new Uri(baseUrl, $"repos/{job.Repository}/actions/runs/{job.RunId}").ToString(),
        ["jobs_url"] = new Uri(baseUrl, $"repos/{job.Repository}/actions/runs/{job.RunId}/jobs").ToString(),
    };
}
