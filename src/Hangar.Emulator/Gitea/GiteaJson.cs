using System.Text.Json.Nodes;

namespace Hangar.Emulator.Gitea;

/// <summary>The emulated forge's JSON shapes, exactly as each flavor writes them (snake_case; Forgejo 11 without
/// <c>attempt</c> and <c>handle</c>; proto3 JSON's int64-as-string in the runner protocol).</summary>
internal static class GiteaJson
{
    /// <summary>Gitea's <c>ActionWorkflowJob</c> (jobs API and webhook).</summary>
    public static JsonObject WorkflowJob(GiteaJobSnapshot job, DateTimeOffset now) => new()
    {
        ["id"] = job.Id,
        ["run_id"] = job.Id * 10,
        ["run_attempt"] = job.Attempt,
        ["name"] = "build",
        ["labels"] = Strings(job.Labels),
        ["status"] = job.State switch { GiteaJobState.Waiting => "queued", GiteaJobState.Running => "in_progress", _ => "completed" },
        ["conclusion"] = job.State == GiteaJobState.Success ? "success" : "",
        ["runner_id"] = job.RunnerId ?? 0,
        ["runner_name"] = job.RunnerName ?? "",
        ["head_sha"] = "0000000000000000000000000000000000000000",
        ["created_at"] = now.ToString("O"),
        // Unset times come as the Unix epoch.
        ["started_at"] = "1970-01-01T00:00:00Z",
        ["completed_at"] = "1970-01-01T00:00:00Z",
    };

    /// <summary>Forgejo's <c>ActionRunJob</c>; 15 adds <c>attempt</c> and <c>handle</c>.</summary>
    public static JsonObject RunJob(GiteaJobSnapshot job, GiteaFlavor flavor)
    {
        var node = new JsonObject
        {
            ["id"] = job.Id,
            ["repo_id"] = job.RepositoryId,
            ["owner_id"] = 1,
            ["name"] = "build",
            ["needs"] = new JsonArray(),
            ["runs_on"] = Strings(job.Labels),
            ["task_id"] = job.TaskId,
            ["status"] = job.State == GiteaJobState.Running ? "running" : "waiting",
        };
        if (flavor == GiteaFlavor.Forgejo15)
        {
            node["attempt"] = job.Attempt;
            node["handle"] = job.Handle;
        }

        return node;
    }

    /// <summary>Gitea's <c>ActionRunner</c> (labels as objects) or Forgejo 15's (labels as names, status idle/active).</summary>
    public static JsonObject Runner(GiteaEmulatedRunner runner, GiteaFlavor flavor) => flavor == GiteaFlavor.Gitea
        ? new JsonObject
        {
            ["id"] = runner.Id,
            ["name"] = runner.Name,
            ["status"] = runner.Online ? "online" : "offline",
            ["busy"] = runner.TaskJobId is not null,
            ["ephemeral"] = runner.Ephemeral,
            ["labels"] = new JsonArray([.. runner.Labels.Select((l, i) => (JsonNode)new JsonObject { ["id"] = i + 1, ["name"] = l.Split(':', 2)[0], ["type"] = "custom" })]),
        }
        : new JsonObject
        {
            ["id"] = runner.Id,
            ["uuid"] = runner.Uuid,
            ["name"] = runner.Name,
            ["description"] = "",
            ["owner_id"] = 0,
            ["repo_id"] = 0,
            ["status"] = !runner.Online ? "offline" : runner.TaskJobId is not null ? "active" : "idle",
            ["version"] = "hangar-emulated",
            ["labels"] = Strings(runner.Labels.Select(l => l.Split(':', 2)[0])),
            ["ephemeral"] = runner.Ephemeral,
        };

    /// <summary>The runner protocol's <c>Runner</c>.</summary>
    public static JsonObject ProtocolRunner(GiteaEmulatedRunner runner) => new()
    {
        ["id"] = runner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["uuid"] = runner.Uuid,
        ["token"] = runner.Token,
        ["name"] = runner.Name,
        ["labels"] = Strings(runner.Labels),
        ["ephemeral"] = runner.Ephemeral,
    };

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
