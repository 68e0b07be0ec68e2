using System.Globalization;
using System.Text.Json.Nodes;
using Hangar.Emulator.State;

namespace Hangar.Emulator.Rest;

/// <summary>GitHub's JSON shapes (snake_case), shared by the REST API and the webhooks.</summary>
internal static class GitHubJson
{
    public const string DocumentationUrl = "https://docs.github.com/rest";

    public static string Timestamp(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)!;

    public static JsonObject Error(string message, int status, string documentationUrl = DocumentationUrl) => new()
    {
        ["message"] = message,
        ["documentation_url"] = documentationUrl,
        ["status"] = status.ToString(CultureInfo.InvariantCulture),
    };

    public static JsonObject Runner(EmulatedRunner runner, Func<string, long> labelId) => new()
    {
        ["id"] = runner.Id,
        ["name"] = runner.Name,
        ["os"] = runner.Os,
        ["status"] = runner.Online ? "online" : "offline",
        ["busy"] = runner.Busy,
        ["ephemeral"] = true,
        ["runner_group_id"] = runner.Group.Id,
        // Every label a JIT registration was sent is listed as custom; whether GitHub types a sent self-hosted as
        // read-only (as it does for config.sh's own labels) is unverified, and Hangar never reads the type.
        ["labels"] = new JsonArray([.. runner.Labels.Select(l => Label(labelId(l), l, "custom"))]),
    };

    public static JsonObject RunnerGroup(RunnerGroup group, Uri baseUrl, string scopePath) => new()
    {
        ["id"] = group.Id,
        ["name"] = group.Name,
        ["visibility"] = group.Visibility,
        ["default"] = group.IsDefault,
        ["runners_url"] = new Uri(baseUrl, $"{scopePath}/actions/runner-groups/{group.Id}/runners").ToString(),
        [scopePath.StartsWith("enterprises/", StringComparison.Ordinal) ? "selected_organizations_url" : "selected_repositories_url"] =
            new Uri(baseUrl, $"{scopePath}/actions/runner-groups/{group.Id}/{(scopePath.StartsWith("enterprises/", StringComparison.Ordinal) ? "organizations" : "repositories")}").ToString(),
        ["inherited"] = false,
        ["allows_public_repositories"] = group.AllowsPublicRepositories,
        ["restricted_to_workflows"] = group.RestrictedToWorkflows,
        ["selected_workflows"] = new JsonArray([.. group.SelectedWorkflows.Select(w => (JsonNode)JsonValue.Create(w))]),
        ["workflow_restrictions_read_only"] = false,
    };

    /// <summary>A workflow job as <c>GET .../actions/jobs/{id}</c> and the <c>workflow_job</c> webhook show it.</summary>
    public static JsonObject Job(EmulatedJob job, Uri baseUrl)
    {
        var api = new Uri(baseUrl, $"repos/{job.Repository}/");
        var web = new Uri(baseUrl, $"{job.Repository}/");
        return new JsonObject
        {
            ["id"] = job.Id,
            ["run_id"] = job.RunId,
            ["workflow_name"] = job.WorkflowName,
            ["head_branch"] = job.HeadBranch,
            ["run_url"] = new Uri(api, $"actions/runs/{job.RunId}").ToString(),
            ["run_attempt"] = job.RunAttempt,
            ["node_id"] = Convert.ToBase64String(BitConverter.GetBytes(job.Id)),
            ["head_sha"] = job.HeadSha,
            ["url"] = new Uri(api, $"actions/jobs/{job.Id}").ToString(),
            ["html_url"] = new Uri(web, $"actions/runs/{job.RunId}/job/{job.Id}").ToString(),
            ["status"] = Status(job.Status),
            ["conclusion"] = job.Conclusion,
            ["created_at"] = Timestamp(job.QueuedAt),
            // GitHub already fills started_at while a job is queued (with its creation time).
            ["started_at"] = Timestamp(job.StartedAt ?? job.QueuedAt),
            ["completed_at"] = Timestamp(job.CompletedAt),
            ["name"] = job.Name,
            ["steps"] = new JsonArray(),
            ["check_run_url"] = new Uri(api, $"check-runs/{job.Id}").ToString(),
            ["labels"] = new JsonArray([.. job.Labels.Select(l => (JsonNode?)l)]),
            ["runner_id"] = job.RunnerId,
            ["runner_name"] = job.RunnerName,
            ["runner_group_id"] = job.RunnerGroupId,
            ["runner_group_name"] = job.RunnerGroupName,
        };
    }

    public static string Status(EmulatedJobStatus status) => status switch
    {
        EmulatedJobStatus.Queued => "queued",
        EmulatedJobStatus.InProgress => "in_progress",
        _ => "completed",
    };

    private static JsonObject Label(long id, string name, string type) => new() { ["id"] = id, ["name"] = name, ["type"] = type };
}
