using System.Globalization;
using System.Text.Json.Nodes;
using Hangar.Emulator.Rest;
using Hangar.Emulator.State;

namespace Hangar.Emulator.Control;

/// <summary>The control API's JSON: the emulator's own truth (real start times, removed runners), snake_case.</summary>
internal static class ControlJson
{
    public static JsonObject Job(EmulatedJob job) => new()
    {
        ["id"] = job.Id,
        ["run_id"] = job.RunId,
        ["repository"] = job.Repository,
        ["name"] = job.Name,
        ["workflow_name"] = job.WorkflowName,
        ["head_branch"] = job.HeadBranch,
        ["labels"] = Strings(job.Labels),
        ["status"] = GitHubJson.Status(job.Status),
        ["conclusion"] = job.Conclusion,
        ["runner_id"] = job.RunnerId,
        ["runner_name"] = job.RunnerName,
        ["runner_group_id"] = job.RunnerGroupId,
        ["duration_ms"] = (long)job.Duration.TotalMilliseconds,
        ["queued_at"] = Time(job.QueuedAt),
        ["started_at"] = Time(job.StartedAt),
        ["completed_at"] = Time(job.CompletedAt),
    };

    public static JsonObject Runner(EmulatedRunner runner) => new()
    {
        ["id"] = runner.Id,
        ["name"] = runner.Name,
        ["scope"] = new JsonObject
        {
            ["type"] = runner.Scope.Kind switch
            {
                RunnerScopeKind.Repository => "repository",
                RunnerScopeKind.Organization => "organization",
                _ => "enterprise",
            },
            ["name"] = runner.Scope.Name,
        },
        ["labels"] = Strings(runner.Labels),
        ["runner_group_id"] = runner.Group.Id,
        ["status"] = runner.Online ? "online" : "offline",
        ["busy"] = runner.Busy,
        ["os"] = runner.Os,
        ["removed"] = runner.Removed,
        ["job_id"] = runner.JobId,
        ["created_at"] = Time(runner.CreatedAt),
        ["connected_at"] = Time(runner.ConnectedAt),
        ["removed_at"] = Time(runner.RemovedAt),
    };

    public static JsonObject Delivery(WebhookDelivery delivery) => new()
    {
        ["id"] = delivery.Id.ToString("D"),
        ["event"] = delivery.Event,
        ["action"] = delivery.Action,
        ["job_id"] = delivery.JobId,
        ["attempts"] = delivery.Attempts,
        ["delivered"] = delivery.Delivered,
        ["given_up"] = delivery.GivenUp,
        ["last_status_code"] = delivery.LastStatusCode,
        ["last_error"] = delivery.LastError,
        ["created_at"] = Time(delivery.CreatedAt),
        ["last_attempt_at"] = Time(delivery.LastAttemptAt),
    };

    public static JsonObject RateLimit(RateLimitCounters counters) => new()
    {
        ["credential"] = counters.Credential,
        ["limit"] = counters.Limit,
        ["used"] = counters.Used,
        ["remaining"] = counters.Remaining,
        ["reset"] = Time(counters.Reset),
        ["lowest_remaining"] = counters.LowestRemaining,
        ["counted"] = counters.Counted,
        ["not_modified"] = counters.NotModified,
        ["refused"] = counters.Refused,
        ["refused_by_route"] = Counts(counters.RefusedByRoute),
        ["counted_by_route"] = Counts(counters.CountedByRoute),
    };

    private static JsonObject Counts(IReadOnlyDictionary<string, long> counts) =>
        new(counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value)));

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);

    private static string? Time(DateTimeOffset? value) => value?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
