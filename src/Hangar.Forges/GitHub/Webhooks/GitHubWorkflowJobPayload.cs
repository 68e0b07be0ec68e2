using System.Text.Json;
using Hangar.Core.Jobs;
using Hangar.Forges.Webhooks;
using static Hangar.Forges.Webhooks.JsonFields;

namespace Hangar.Forges.GitHub.Webhooks;

/// <summary>Turns a parsed <c>workflow_job</c> payload into a <see cref="JobEvent"/>. Never throws: any payload, however
/// broken, yields a message that says what it is.</summary>
internal static class GitHubWorkflowJobPayload
{
    /// <summary>The <c>X-GitHub-Event</c> value this payload comes with.</summary>
    public const string EventName = "workflow_job";

    public static WebhookMessage Read(string forge, JsonElement root, string? deliveryId)
    {
        try
        {
            return ReadObject(forge, root, deliveryId);
        }
        catch (PayloadFormatException ex)
        {
            return WebhookMessage.Malformed(EventName, ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            // GetString on a string escape that is not valid UTF-16 (a lone surrogate) ends up here.
            return WebhookMessage.Malformed(EventName, $"body holds a string that cannot be read: {ex.Message}");
        }
    }

    private static WebhookMessage ReadObject(string forge, JsonElement root, string? deliveryId)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return WebhookMessage.Malformed(EventName, "body is not a JSON object");
        }

        var action = RequiredString(root, "action", "action");
        JobStatus? status = action switch
        {
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
        if (!IsOwnerSlashName(fullName))
        {
            return WebhookMessage.Malformed(EventName, $"repository.full_name '{fullName}' is not of the form owner/name");
        }

        var organization = OptionalObject(root, "organization", "organization");
        var enterprise = OptionalObject(root, "enterprise", "enterprise");
        var owner = OptionalObject(repository, "owner", "repository.owner");
        return WebhookMessage.Job(EventName, new JobEvent
        {
            Forge = forge,
            // GitHub gives a re-run new job ids, so the id alone is the key (attempt 0).
            JobId = RequiredInt64(job, "id", "workflow_job.id"),
            Status = status.Value,
            Repository = fullName,
            // An organization's hook says which organization; a user's repository has only its owner.
            Owner = OptionalString(organization, "login", "organization.login") ?? OptionalString(owner, "login", "repository.owner.login"),
            Enterprise = OptionalString(enterprise, "slug", "enterprise.slug"),
            Labels = RequiredStringArray(job, "labels", "workflow_job.labels"),
            RunId = OptionalInt64(job, "run_id", "workflow_job.run_id"),
            Name = OptionalString(job, "name", "workflow_job.name"),
            RunnerName = OptionalString(job, "runner_name", "workflow_job.runner_name"),
            RunnerId = OptionalInt64(job, "runner_id", "workflow_job.runner_id"),
            Conclusion = OptionalString(job, "conclusion", "workflow_job.conclusion"),
            // X-GitHub-Delivery stays the same when a delivery is redelivered, so it is the dedupe key.
            DeliveryId = deliveryId,
            CreatedAt = OptionalTimestamp(job, "created_at", "workflow_job.created_at"),
        });
    }

    private static bool IsOwnerSlashName(string fullName)
    {
        var slash = fullName.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < fullName.Length - 1 && fullName.IndexOf('/', slash + 1) < 0;
    }
}
