using System.Text.Json;
using Hangar.Core.Jobs;
using Hangar.Forges.Webhooks;
using static Hangar.Forges.Webhooks.TokenFields;

namespace Hangar.Forges.GitHub.Webhooks;

/// <summary>Turns a scanned <c>workflow_job</c> payload (<see cref="GitHubPayload"/>) into a <see cref="JobEvent"/>. Never throws: any payload, however
/// broken, yields a message that says what it is.</summary>
internal static class GitHubWorkflowJobPayload
{
    /// <summary>The <c>X-GitHub-Event</c> value this payload comes with.</summary>
    public const string EventName = "workflow_job";

    public static WebhookMessage Read(string forge, GitHubPayload payload, string? deliveryId)
    {
        try
        {
            return ReadObject(forge, payload, deliveryId);
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

    private static WebhookMessage ReadObject(string forge, GitHubPayload payload, string? deliveryId)
    {
        if (payload.RootKind != JsonValueKind.Object)
        {
            return WebhookMessage.Malformed(EventName, "body is not a JSON object");
        }

        var action = RequiredString(payload.Action, "action");
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

        RequiredObject(payload.WorkflowJob, "workflow_job");
        RequiredObject(payload.Repository, "repository");
        var fullName = RequiredString(payload.Repo.FullName, "repository.full_name");
        if (!IsOwnerSlashName(fullName))
        {
            return WebhookMessage.Malformed(EventName, $"repository.full_name '{fullName}' is not of the form owner/name");
        }

        OptionalObject(payload.Organization, "organization");
        OptionalObject(payload.Enterprise, "enterprise");
        OptionalObject(payload.Repo.Owner, "repository.owner");
        var job = payload.Job;
        return WebhookMessage.Job(EventName, new JobEvent
        {
            Forge = forge,
            // GitHub gives a re-run new job ids, so the id alone is the key (attempt 0).
            JobId = RequiredInt64(job.Id, "workflow_job.id"),
            Status = status.Value,
            Repository = fullName,
            // An organization's hook says which organization; a user's repository has only its owner.
            Owner = OptionalString(payload.Org.Login, "organization.login") ?? OptionalString(payload.Repo.OwnerLogin, "repository.owner.login"),
            Enterprise = OptionalString(payload.Ent.Slug, "enterprise.slug"),
            Labels = RequiredStringArray(job.Labels, job.LabelItems, "workflow_job.labels"),
            RunId = OptionalInt64(job.RunId, "workflow_job.run_id"),
            Name = OptionalString(job.Name, "workflow_job.name"),
            RunnerName = OptionalString(job.RunnerName, "workflow_job.runner_name"),
            RunnerId = OptionalInt64(job.RunnerId, "workflow_job.runner_id"),
            Conclusion = OptionalString(job.Conclusion, "workflow_job.conclusion"),
            // X-GitHub-Delivery stays the same when a delivery is redelivered, so it is the dedupe key.
            DeliveryId = deliveryId,
            CreatedAt = OptionalTimestamp(job.CreatedAt, "workflow_job.created_at"),
        });
    }

    private static bool IsOwnerSlashName(string fullName)
    {
        var slash = fullName.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < fullName.Length - 1 && fullName.IndexOf('/', slash + 1) < 0;
    }
}
