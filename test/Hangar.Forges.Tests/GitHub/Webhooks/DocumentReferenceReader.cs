using System.Text.Json;
using Hangar.Core.Jobs;
using Hangar.Forges.GitHub.Webhooks;
using Hangar.Forges.Webhooks;
using static Hangar.Forges.Webhooks.JsonFields;

namespace Hangar.Forges.Tests.GitHub.Webhooks;

/// <summary>
/// The reader as it was before the single-pass scan (<see cref="GitHubPayload"/>): the body parsed into a
/// <see cref="JsonDocument"/> and read through <see cref="JsonFields"/>. Kept as the oracle the scan must agree with
/// (<see cref="GitHubPayloadScanTests"/>), on the official examples and on thousands of mutations of them.
/// </summary>
internal static class DocumentReferenceReader
{
    private const string EventName = GitHubWorkflowJobPayload.EventName;

    /// <summary>What the old reader made of a <c>workflow_job</c> body: the message and the origin's facts.</summary>
    public static (WebhookMessage Message, GitHubPayloadFacts Facts) Read(string forge, byte[] body, string? deliveryId)
    {
        if (body.Length == 0)
        {
            return (WebhookMessage.Malformed(EventName, "body is empty"), GitHubPayloadFacts.None);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            return (WebhookMessage.Malformed(EventName, $"body is not valid JSON: {ex.Message}"), GitHubPayloadFacts.None);
        }

        using (document)
        {
            return (Job(forge, document.RootElement, deliveryId), Facts(document.RootElement));
        }
    }

    private static WebhookMessage Job(string forge, JsonElement root, string? deliveryId)
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

    public static GitHubPayloadFacts Facts(JsonElement? root)
    {
        if (root is not { ValueKind: JsonValueKind.Object } payload)
        {
            return GitHubPayloadFacts.None;
        }

        var repository = Child(payload, "repository");
        return new(
            repository is { } r && r.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String && TryGetString(url) is { } text ? text : null,
            Id(repository),
            Id(Child(payload, "organization")),
            Id(Child(payload, "enterprise")),
            Id(Child(payload, "installation")));
    }

    private static JsonElement? Child(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static long? Id(JsonElement? element) =>
        element is { } e && e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var value) ? value : null;

    /// <summary>A URL holding an escape that is not valid UTF-16 (a lone surrogate) is no fact at all.</summary>
    private static string? TryGetString(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
