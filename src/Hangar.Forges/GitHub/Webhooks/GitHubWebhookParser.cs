using System.Text.Json;
using Hangar.Core.Jobs;
using static Hangar.Forges.GitHub.Webhooks.JsonFields;

namespace Hangar.Forges.GitHub.Webhooks;

/// <summary>Turns a <c>workflow_job</c> webhook body into a <see cref="JobEvent"/>. Never throws: any body, however broken,
/// yields a result that says what it is.</summary>
public static class GitHubWebhookParser
{
    /// <summary>The <c>X-GitHub-Event</c> value this parser reads.</summary>
    public const string WorkflowJobEvent = "workflow_job";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static WebhookParseResult ParseWorkflowJob(string forgeName, ReadOnlySpan<byte> body, string? deliveryId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(forgeName);
        if (body.IsEmpty)
        {
            return WebhookParseResult.Malformed("body is empty");
        }

        try
        {
            // Parse (rather than reading one value) so that trailing garbage after the object is rejected too.
            using var document = JsonDocument.Parse(body.ToArray(), DocumentOptions);
            return Parse(forgeName, document.RootElement, deliveryId);
        }
        catch (JsonException ex)
        {
            return WebhookParseResult.Malformed($"body is not valid JSON: {ex.Message}");
        }
        catch (PayloadFormatException ex)
        {
            return WebhookParseResult.Malformed(ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            // GetString on a string escape that is not valid UTF-16 (a lone surrogate) ends up here.
            return WebhookParseResult.Malformed($"body holds a string that cannot be read: {ex.Message}");
        }
    }

    private static WebhookParseResult Parse(string forgeName, JsonElement root, string? deliveryId)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return WebhookParseResult.Malformed("body is not a JSON object");
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
            return WebhookParseResult.Ignored($"workflow_job action '{action}' is not one Hangar acts on");
        }

        var job = RequiredObject(root, "workflow_job", "workflow_job");
        var repository = RequiredObject(root, "repository", "repository");
        var fullName = RequiredString(repository, "full_name", "repository.full_name");
        if (!IsOwnerSlashName(fullName))
        {
            return WebhookParseResult.Malformed($"repository.full_name '{fullName}' is not of the form owner/name");
        }

        var organization = OptionalObject(root, "organization", "organization");
        var enterprise = OptionalObject(root, "enterprise", "enterprise");
        var owner = OptionalObject(repository, "owner", "repository.owner");
        return WebhookParseResult.FromEvent(new JobEvent
        {
            Forge = forgeName,
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
