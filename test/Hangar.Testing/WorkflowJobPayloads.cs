using System.Text.Json;

namespace Hangar.Testing;

/// <summary><c>workflow_job</c> bodies in GitHub's shape (the fields Hangar reads, plus the usual envelope).</summary>
public static class WorkflowJobPayloads
{
    public static string Create(long jobId, string action, string[]? labels = null, string? runnerName = null, string repository = "acme/app")
    {
        var owner = repository.Split('/')[0];
        var status = action == "waiting" ? "waiting" : action;
        var payload = new Dictionary<string, object?>
        {
            ["action"] = action,
            ["workflow_job"] = new Dictionary<string, object?>
            {
                ["id"] = jobId,
                ["run_id"] = jobId * 10,
                ["run_attempt"] = 1,
                ["name"] = "build",
                ["workflow_name"] = "CI",
                ["head_branch"] = "main",
                ["status"] = status,
                ["conclusion"] = action == "completed" ? "success" : null,
                ["labels"] = labels ?? ["self-hosted", "linux"],
                ["runner_id"] = runnerName is null ? null : 42,
                ["runner_name"] = runnerName,
                ["runner_group_id"] = runnerName is null ? null : 1,
                ["runner_group_name"] = runnerName is null ? null : "Default",
                ["created_at"] = "2026-11-22T10:00:00Z",
                ["started_at"] = "2026-11-22T10:00:01Z",
                ["completed_at"] = action == "completed" ? "2026-11-22T10:01:00Z" : null,
                ["html_url"] = $"https://github.com/{repository}/actions/runs/{jobId * 10}/job/{jobId}",
            },
            ["repository"] = new Dictionary<string, object?>
            {
                ["id"] = 1,
                ["name"] = repository.Split('/')[1],
                ["full_name"] = repository,
                ["private"] = true,
                ["owner"] = new Dictionary<string, object?> { ["login"] = owner, ["id"] = 2, ["type"] = "Organization" },
            },
            ["organization"] = new Dictionary<string, object?> { ["login"] = owner, ["id"] = 2 },
            ["sender"] = new Dictionary<string, object?> { ["login"] = "octocat", ["id"] = 3 },
        };
        return JsonSerializer.Serialize(payload);
    }
}
