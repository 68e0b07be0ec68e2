using System.Globalization;
using System.Text.Json;
using Hangar.Core.Jobs;
using Hangar.Forges.Webhooks;
using static Hangar.Forges.Webhooks.JsonFields;

namespace Hangar.Forges.Gitea.Webhooks;

/// <summary>
/// Gitea's GitHub-style <c>workflow_job</c> payload (1.24+, reference 2.5) as a <see cref="JobEvent"/> keyed by
/// <c>(id, run_attempt)</c>. Gitea gives every delivery attempt a new <c>X-Gitea-Delivery</c>, so the dedupe key is what
/// identifies the event itself: job id, attempt and action. Never throws.
/// </summary>
internal static class GiteaWorkflowJobPayload
{
    public const string EventName = "workflow_job";

    public static WebhookMessage Read(string forge, JsonElement root)
    {
        try
        {
            return ReadObject(forge, root);
        }
        catch (PayloadFormatException ex)
        {
            return WebhookMessage.Malformed(EventName, ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            return WebhookMessage.Malformed(EventName, $"body holds a string that cannot be read: {ex.Message}");
        }
    }

    private static WebhookMessage ReadObject(string forge, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return WebhookMessage.Malformed(EventName, "body is not a JSON object");
        }

        var action = RequiredString(root, "action", "action");
        JobStatus? status = action switch
        {
            // Gitea's "blocked" (needs, approval) arrives as waiting; its "waiting" for a runner as queued.
            "waiting" => JobStatus.Waiting,
            "queued" => JobStatus.Queued,
            "in_progress" => JobStatus.InProgress,
            "completed" => JobStatus.Completed,
            _ => null,
        };
        if (status is null)
        {
            return WebhookMessage.Ignored(EventName, $"workflow_job action '{action}' is not one Hangar acts on");
        }

        var job = RequiredObject(root, "workflow_job", "workflow_job");
        var repository = RequiredObject(root, "repository", "repository");
        var fullName = RequiredString(repository, "full_name", "repository.full_name");
        var slash = fullName.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == fullName.Length - 1 || fullName.IndexOf('/', slash + 1) >= 0)
        {
            return WebhookMessage.Malformed(EventName, $"repository.full_name '{fullName}' is not of the form owner/name");
        }

        var id = RequiredInt64(job, "id", "workflow_job.id");
        // A re-run keeps the id and raises run_attempt; 0 (absent) reads as the first attempt.
        var attempt = Math.Max(1, OptionalInt64(job, "run_attempt", "workflow_job.run_attempt") ?? 1);
        var organization = OptionalObject(root, "organization", "organization");
        var owner = OptionalObject(repository, "owner", "repository.owner");
        var runnerId = OptionalInt64(job, "runner_id", "workflow_job.runner_id");
        var runnerName = OptionalString(job, "runner_name", "workflow_job.runner_name");
        var conclusion = OptionalString(job, "conclusion", "workflow_job.conclusion");
        return WebhookMessage.Job(EventName, new JobEvent
        {
            Forge = forge,
            JobId = id,
            Attempt = attempt,
            Status = status.Value,
            Repository = fullName,
            Owner = OptionalString(organization, "login", "organization.login")
                ?? OptionalString(organization, "name", "organization.name")
                ?? OptionalString(owner, "login", "repository.owner.login")
                ?? fullName[..slash],
            Labels = RequiredStringArray(job, "labels", "workflow_job.labels"),
            RunId = OptionalInt64(job, "run_id", "workflow_job.run_id"),
            Name = OptionalString(job, "name", "workflow_job.name"),
            // Runner fields are absent or zero until a task exists.
            RunnerName = string.IsNullOrEmpty(runnerName) ? null : runnerName,
            RunnerId = runnerId is > 0 ? runnerId : null,
            Conclusion = string.IsNullOrEmpty(conclusion) ? null : conclusion,
            DeliveryId = string.Create(CultureInfo.InvariantCulture, $"{forge}:{id}:{attempt}:{action}"),
            CreatedAt = CreatedAt(job),
        });
    }

    /// <summary>Unset times may come as the Unix epoch or Go's zero time: neither is a queue time.</summary>
    private static DateTimeOffset? CreatedAt(JsonElement job) =>
        OptionalTimestamp(job, "created_at", "workflow_job.created_at") is { } at && at.Year > 1970 ? at : null;
}
